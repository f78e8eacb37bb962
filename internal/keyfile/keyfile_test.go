package keyfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadOrCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "session.key")
	first, err := LoadOrCreate(path, 32)
	if err != nil || len(first) != 32 || bytes.Equal(first, make([]byte, 32)) {
		t.Fatalf("first: %x, %v", first, err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file must be private: %v, %v", info.Mode(), err)
	}
	again, err := LoadOrCreate(path, 32)
	if err != nil || !bytes.Equal(first, again) {
		t.Fatal("the key must be kept across starts")
	}
	if _, err := LoadOrCreate(path, 64); err == nil {
		t.Fatal("a key of the wrong size must be refused")
	}
	other, err := LoadOrCreate(filepath.Join(t.TempDir(), "other.key"), 32)
	if err != nil || bytes.Equal(first, other) {
		t.Fatal("keys must be random")
	}
	if err := os.WriteFile(path, []byte("not hex"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(path, 32); err == nil {
		t.Fatal("a damaged key file must be refused")
	}
}
