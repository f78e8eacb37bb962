package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"intake/internal/indica"
)

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func noEnv(string) (string, bool) { return "", false }

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitFor polls until the output holds a match of re, and answers the match's groups.
func waitFor(t *testing.T, out *lockedBuffer, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("never printed %v; output: %s", re, out.String())
	return nil
}

func TestSandboxCommandServesTheContract(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	addr := freeAddr(t)
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"sandbox", "--listen", addr, "--api-key", "demo-key", "--state", "ok", "--tariff", "basic", "--data-dir", t.TempDir()}, &stdout, &stderr, noEnv)
	}()
	m := waitFor(t, &stdout, regexp.MustCompile(`listening on (http://\S+) \(state OK, basic tariff\)`))

	c, err := indica.New(m[1], "demo-key")
	if err != nil {
		t.Fatal(err)
	}
	groups, err := c.CustomerGroups(ctx)
	if err != nil || len(groups) == 0 {
		t.Fatalf("groups: %v, %v", groups, err)
	}
	nc := indica.NewCustomer{Profile: indica.Profile{FirstName: "O", LastName: "K", DateOfBirth: "1990-01-01", Gender: "male", Type: "adult"}}
	if _, err := c.CreateCustomer(ctx, nc); err != nil {
		t.Fatalf("an Oklahoma type in an Oklahoma sandbox: %v", err)
	}
	if _, err := c.Customer(ctx, 1); err == nil || !strings.Contains(err.Error(), "403") {
		t.Fatalf("the basic tariff must refuse get by id, got %v", err)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}

func TestSandboxCommandGeneratesAKeyAndInjectsFaults(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"sandbox", "--listen", freeAddr(t), "--fail-rate", "1"}, &stdout, &stderr, noEnv)
	}()
	m := waitFor(t, &stdout, regexp.MustCompile(`listening on (http://\S+)[^\n]*\nAPI key \(header X-Api-Key\): (\S+)`))
	if len(m[2]) < 20 {
		t.Fatalf("the generated key %q is too short", m[2])
	}
	c, _ := indica.New(m[1], m[2])
	if _, err := c.CustomerGroups(ctx); err == nil || !strings.Contains(err.Error(), "500") {
		t.Fatalf("fail-rate 1 must answer 500, got %v", err)
	}
	cancel()
	<-done
}

func TestBadFlagsAndSettingsStopTheStart(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"unknown command", []string{"launch"}, nil, `unknown command "launch"`},
		{"sandbox fail rate over 1", []string{"sandbox", "--fail-rate", "2"}, nil, "fail rate"},
		{"sandbox unknown tariff", []string{"sandbox", "--tariff", "gold"}, nil, "tariff"},
		{"invalid store state", nil, map[string]string{"INTAKE_STORE_STATE": "XY"}, "store.state (INTAKE_STORE_STATE)"},
		{"missing config file", []string{"--config", "/nonexistent/intake.yaml"}, nil, "config file"},
		{"config file from the environment", nil, map[string]string{"INTAKE_CONFIG": "/nonexistent/env.yaml"}, "env.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr lockedBuffer
			env := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			code := Run(context.Background(), tt.args, &stdout, &stderr, env)
			if code != 2 {
				t.Fatalf("want exit 2, got %d", code)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Fatalf("stderr does not mention %q: %s", tt.want, stderr.String())
			}
		})
	}
}

func TestServeStartsAndStopsCleanly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	env := map[string]string{"INTAKE_DATA_DIR": t.TempDir(), "INTAKE_LISTEN": freeAddr(t)}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, nil, &stdout, &stderr, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	}()
	m := waitFor(t, &stderr, regexp.MustCompile(`Intake is ready" url=(http://\S+)`))
	resp, err := http.Get(m[1] + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"indica":"ok"`) {
		t.Fatalf("readyz on the built-in sandbox: %d %s", resp.StatusCode, body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}

func TestHelp(t *testing.T) {
	var stdout lockedBuffer
	if code := Run(context.Background(), []string{"help"}, &stdout, io.Discard, noEnv); code != 0 || !strings.Contains(stdout.String(), "intake sandbox") {
		t.Fatalf("help: %d %s", code, stdout.String())
	}
}
