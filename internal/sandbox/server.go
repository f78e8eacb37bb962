package sandbox

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Server is a sandbox listening on a real socket.
type Server struct {
	srv *http.Server
	url string
}

// Listen serves sb on addr (such as 127.0.0.1:0 for any free port) until Close.
func Listen(addr string, sb *Sandbox) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		srv: &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second},
		url: "http://" + ln.Addr().String(),
	}
	// Serve ends with ErrServerClosed on Close; any other end shows as calls that fail, which clients
	// and /readyz report.
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// URL answers the base URL to give a client.
func (s *Server) URL() string { return s.url }

// Close stops the server, letting requests in flight finish for up to five seconds.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}
