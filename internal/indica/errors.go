package indica

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors, one per kind of answer. Every error the client returns for an HTTP answer wraps one of
// them, so callers decide with errors.Is.
var (
	ErrUnauthorized = errors.New("indica: API key missing or not accepted")
	ErrForbidden    = errors.New("indica: not allowed for this API key or tariff")
	ErrNotFound     = errors.New("indica: not found")
	ErrInvalid      = errors.New("indica: request rejected as invalid")
	ErrRateLimited  = errors.New("indica: rate limited")
	ErrServer       = errors.New("indica: server error")
	ErrUnexpected   = errors.New("indica: unexpected answer")
	// ErrUnavailable means no answer came: the network failed or the call timed out. A create that ends
	// this way may still have been committed.
	ErrUnavailable = errors.New("indica: unreachable")
)

// APIError is an answer other than success. It wraps the sentinel for its status.
type APIError struct {
	StatusCode int
	Message    string
	// RetryAfter is the wait the server asked for with a 429, zero when it gave none.
	RetryAfter time.Duration
	// Body is the raw answer, kept for diagnosis. It may hold customer data: never log it.
	Body []byte
}

func (e *APIError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("%v (HTTP %d)", e.Unwrap(), e.StatusCode)
	}
	return fmt.Sprintf("%v (HTTP %d): %s", e.Unwrap(), e.StatusCode, e.Message)
}

// Unwrap answers the sentinel for the status.
func (e *APIError) Unwrap() error { return kindForStatus(e.StatusCode) }

// ValidationError is a 422: IndicaOnline's messages, keyed by field name ("address.street" for parts of
// the address, "base" or similar for the request as a whole).
type ValidationError struct {
	Message string
	Fields  map[string][]string
}

func (e *ValidationError) Error() string {
	names := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	return fmt.Sprintf("indica: %s (fields: %s)", e.Message, strings.Join(names, ", "))
}

// Unwrap answers ErrInvalid.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// IsRetryable reports whether the same request may succeed later: the service was unreachable, rate
// limiting or failing on its side.
func IsRetryable(err error) bool {
	return errors.Is(err, ErrUnavailable) || errors.Is(err, ErrRateLimited) || errors.Is(err, ErrServer)
}

func kindForStatus(status int) error {
	switch {
	case status >= 200 && status < 300:
		return ErrUnexpected // a success whose body could not be read
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusUnprocessableEntity || status == http.StatusBadRequest:
		return ErrInvalid
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500:
		return ErrServer
	default:
		return ErrUnexpected
	}
}

// parseRetryAfter reads a Retry-After header given in seconds or as an HTTP date.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}
