// Command intake signs up a cannabis dispensary's customers and keeps their records current in
// IndicaOnline. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"intake/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}
