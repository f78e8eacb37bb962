// Package sandbox is Intake's stand-in for the IndicaOnline Open API: a faithful implementation of the
// contract in the indica package, documented and assumed parts alike, with a few extensions under
// /_sandbox/ for tests and demos, and fault injection for rehearsing a bad day.
//
// It serves the paths, field names and limits the indica package declares, so that correcting an
// assumption there corrects the sandbox as well.
package sandbox

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"intake/internal/indica"
)

// Tariffs. PRO unlocks patch and the single-customer reads.
const (
	TariffPro   = "pro"
	TariffBasic = "basic"
)

// Options configure a sandbox.
type Options struct {
	APIKey    string
	KeyHeader string // default indica.DefaultAPIKeyHeader
	State     string // the store's two-letter state or province, deciding the customer types
	Tariff    string // TariffPro or TariffBasic
	// DataDir keeps customers and files across restarts; empty keeps them in memory only.
	DataDir string

	// Latency is added to every API request.
	Latency time.Duration
	// FailRate is the share of API requests answered 500.
	FailRate float64
	// ThrottleRate is the share of API requests answered 429 with Retry-After.
	ThrottleRate float64
	// DropRate is the share of create requests that are committed but never answered: the connection is
	// held until the client gives up (or DropHold passes) and then closed.
	DropRate float64
	// DropHold bounds how long a dropped answer holds its connection; default two minutes.
	DropHold time.Duration

	// Now tells the time; default time.Now.
	Now func() time.Time
}

// JournalEntry is one API request the sandbox received.
type JournalEntry struct {
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Query  string          `json:"query,omitempty"`
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
	// Dropped marks a create that was committed but whose answer the client never got.
	Dropped bool `json:"dropped,omitempty"`

	recorded bool
}

// maxJournal bounds the journal; the oldest entries go first.
const maxJournal = 5000

// maxJSONBody bounds a JSON request body.
const maxJSONBody = 1 << 20

// Sandbox is an http.Handler answering the IndicaOnline Open API.
type Sandbox struct {
	opts  Options
	mux   *http.ServeMux
	files fileStore

	mu      sync.Mutex
	data    state
	journal []JournalEntry
}

// New answers a sandbox, loading what an earlier run kept in opts.DataDir.
func New(opts Options) (*Sandbox, error) {
	if opts.APIKey == "" {
		return nil, errors.New("sandbox: API key is empty")
	}
	if opts.KeyHeader == "" {
		opts.KeyHeader = indica.DefaultAPIKeyHeader
	}
	if opts.Tariff == "" {
		opts.Tariff = TariffPro
	}
	if opts.Tariff != TariffPro && opts.Tariff != TariffBasic {
		return nil, fmt.Errorf("sandbox: tariff %q is not %q or %q", opts.Tariff, TariffPro, TariffBasic)
	}
	if len(opts.State) != 2 {
		return nil, fmt.Errorf("sandbox: state %q is not a two-letter code", opts.State)
	}
	opts.State = strings.ToUpper(opts.State)
	for name, rate := range map[string]float64{"fail rate": opts.FailRate, "throttle rate": opts.ThrottleRate, "drop rate": opts.DropRate} {
		if rate < 0 || rate > 1 {
			return nil, fmt.Errorf("sandbox: %s %v is not between 0 and 1", name, rate)
		}
	}
	if opts.DropHold <= 0 {
		opts.DropHold = 2 * time.Minute
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Sandbox{opts: opts}
	var err error
	if s.files, err = newFileStore(opts.DataDir); err != nil {
		return nil, err
	}
	if s.data, err = loadState(opts.DataDir); err != nil {
		return nil, err
	}
	if len(s.data.Groups) == 0 {
		s.data.Groups = seedGroups()
	}
	s.routes()
	return s, nil
}

func (s *Sandbox) routes() {
	s.mux = http.NewServeMux()
	api := func(pattern string, h http.HandlerFunc) { s.mux.Handle(pattern, s.apiRequest(h)) }
	api("POST "+indica.PathCustomers, s.createCustomer)
	api("GET "+indica.PathCustomers, s.listCustomers)
	api("GET "+indica.PathCustomerGroups, s.customerGroups)
	api("GET "+indica.PathCustomerByStateID+"/{state_id}", s.pro(s.customerByStateID))
	api("GET "+indica.PathCustomers+"/{id}", s.pro(s.customer))
	api("PATCH "+indica.PathCustomers+"/{id}", s.pro(s.patchCustomer))
	api("POST "+indica.PathFileUpload, s.uploadFile)
	api("/open_api/", func(w http.ResponseWriter, r *http.Request) {
		writeMessage(w, http.StatusNotFound, "No such endpoint")
	})

	ext := func(pattern string, h http.HandlerFunc) { s.mux.Handle(pattern, s.authenticated(h)) }
	ext("GET /_sandbox/files/{id}", s.fileContent)
	ext("GET /_sandbox/requests", s.requests)
	ext("POST /_sandbox/reset", s.reset)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeMessage(w, http.StatusNotFound, "Not found")
	})
}

// ServeHTTP answers one request.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Reset empties the sandbox: customers, files and journal; the seed groups come back.
func (s *Sandbox) Reset() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data = state{Groups: seedGroups()}
	s.journal = nil
	if err := s.files.clear(); err != nil {
		return err
	}
	return s.save()
}

// Journal answers a copy of the requests received so far, oldest first.
func (s *Sandbox) Journal() []JournalEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]JournalEntry(nil), s.journal...)
}

func (s *Sandbox) authenticated(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get(s.opts.KeyHeader)
		if key == "" || subtle.ConstantTimeCompare([]byte(key), []byte(s.opts.APIKey)) != 1 {
			writeMessage(w, http.StatusUnauthorized, "Unauthenticated: missing or invalid API key")
			return
		}
		h(w, r)
	}
}

// apiRequest wraps an Open API endpoint: journal, added latency, authentication and injected faults, in
// the order a client would meet them.
func (s *Sandbox) apiRequest(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		entry := JournalEntry{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery}
		r = withJournalEntry(r, &entry)
		defer func() {
			if !entry.recorded {
				entry.Status = rec.status
				s.record(entry)
			}
		}()
		if s.opts.Latency > 0 {
			select {
			case <-time.After(s.opts.Latency):
			case <-r.Context().Done():
				rec.status = 499 // the client went away, as nginx would log it
				return
			}
		}
		s.authenticated(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case roll(s.opts.ThrottleRate):
				w.Header().Set("Retry-After", "1")
				writeMessage(w, http.StatusTooManyRequests, "Too many requests")
			case roll(s.opts.FailRate):
				writeMessage(w, http.StatusInternalServerError, "Internal server error")
			default:
				h(w, r)
			}
		})(rec, r)
	})
}

func (s *Sandbox) pro(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Tariff != TariffPro {
			writeMessage(w, http.StatusForbidden, "This endpoint is available on the PRO tariff only")
			return
		}
		h(w, r)
	}
}

func (s *Sandbox) record(e JournalEntry) {
	if e.Body == nil {
		e.Body = json.RawMessage("null")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.journal = append(s.journal, e)
	if over := len(s.journal) - maxJournal; over > 0 {
		s.journal = append([]JournalEntry(nil), s.journal[over:]...)
	}
}

func (s *Sandbox) requests(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.Journal())
}

func (s *Sandbox) reset(w http.ResponseWriter, r *http.Request) {
	if err := s.Reset(); err != nil {
		writeMessage(w, http.StatusInternalServerError, "reset failed: "+err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func roll(rate float64) bool { return rate > 0 && rand.Float64() < rate }

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeMessage(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"message": message})
}

func writeInvalid(w http.ResponseWriter, errs fieldErrors) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "Validation failed", "errors": errs})
}
