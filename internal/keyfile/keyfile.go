// Package keyfile keeps secrets that Intake generates for itself (session keys, the sandbox's API key) in
// files readable only by their owner, so that no secret ever needs a default.
package keyfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// LoadOrCreate answers the size random bytes kept at path, generating and writing them on first use.
func LoadOrCreate(path string, size int) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err == nil {
		key, err := hex.DecodeString(strings.TrimSpace(string(raw)))
		if err != nil || len(key) != size {
			return nil, fmt.Errorf("keyfile: %s is damaged (want %d hex-encoded bytes); delete it to generate a new one", path, size)
		}
		return key, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("keyfile: %w", err)
	}
	key := make([]byte, size)
	_, _ = rand.Read(key) // crypto/rand.Read never fails
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("keyfile: %w", err)
	}
	// O_EXCL: if two processes start at once, one writes and the other reads what it wrote.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return LoadOrCreate(path, size)
	}
	if err != nil {
		return nil, fmt.Errorf("keyfile: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("keyfile: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("keyfile: %w", err)
	}
	return key, nil
}
