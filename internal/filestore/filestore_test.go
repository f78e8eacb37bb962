package filestore

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestPutOpenDelete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "uploads")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
		t.Fatalf("the folder must be private, is %v", info.Mode().Perm())
	}
	name, err := s.Put([]byte("%PDF-1.4 ..."), ".pdf")
	if err != nil || !validName.MatchString(name) {
		t.Fatalf("put: %q, %v", name, err)
	}
	other, _ := s.Put([]byte("x"), ".jpg")
	if other == name {
		t.Fatal("names must be unique")
	}
	f, err := s.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if string(got) != "%PDF-1.4 ..." {
		t.Fatalf("read %q", got)
	}
	for _, bad := range []string{"../intake.db", "/etc/passwd", "a.jpg", name + "/..", ""} {
		if _, err := s.Open(bad); !errors.Is(err, ErrBadName) {
			t.Errorf("Open(%q) = %v, want ErrBadName", bad, err)
		}
	}
	if _, err := s.Put([]byte("x"), ".exe"); err == nil {
		t.Fatal("only .jpg and .pdf are kept")
	}
	if err := s.Delete(name, name); err != nil {
		t.Fatalf("delete twice: %v", err)
	}
	if _, err := s.Open(name); err == nil {
		t.Fatal("deleted file still opens")
	}
}

func TestSweep(t *testing.T) {
	s, _ := Open(t.TempDir())
	old, _ := s.Put([]byte("old"), ".jpg")
	kept, _ := s.Put([]byte("kept"), ".jpg")
	fresh, _ := s.Put([]byte("fresh"), ".jpg")
	past := time.Now().Add(-2 * time.Hour)
	for _, n := range []string{old, kept} {
		os.Chtimes(filepath.Join(s.dir, n), past, past)
	}
	os.WriteFile(filepath.Join(s.dir, ".incoming-123"), []byte("half"), 0o600)
	os.Chtimes(filepath.Join(s.dir, ".incoming-123"), past, past)
	os.WriteFile(filepath.Join(s.dir, "README.md"), []byte("not ours"), 0o644)
	os.Chtimes(filepath.Join(s.dir, "README.md"), past, past)
	n, err := s.Sweep(time.Now().Add(-time.Hour), func(name string) bool { return name == kept })
	if err != nil || n != 2 {
		t.Fatalf("sweep: %d, %v", n, err)
	}
	for name, want := range map[string]bool{old: false, kept: true, fresh: true, "README.md": true, ".incoming-123": false} {
		_, err := os.Stat(filepath.Join(s.dir, name))
		if (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", name, err == nil, want)
		}
	}
}
