package document

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"intake/internal/document/doctest"
)

// photo12 answers a 12-megapixel (4032×3024) photo-like JPEG at quality 92, about 3.5 MB, the size a
// phone camera produces.
var photo12 = sync.OnceValue(func() []byte { return doctest.PhotoLike(4032, 3024) })

func BenchmarkNormalizeJPEG12MP(b *testing.B) {
	data := photo12()
	n := New(Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Normalize(context.Background(), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNormalizeHEIC12MP needs heif-enc (Debian's libheif-examples, which the test command installs)
// to make its input.
func BenchmarkNormalizeHEIC12MP(b *testing.B) {
	data := heicOf(b, photo12())
	n := New(Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Normalize(context.Background(), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// heicOf encodes a JPEG as HEIC with heif-enc.
func heicOf(tb testing.TB, jpegData []byte) []byte {
	tb.Helper()
	if _, err := exec.LookPath("heif-enc"); err != nil {
		tb.Fatal("heif-enc is needed to make HEIC test files; the README's test command installs it (Debian package libheif-examples)")
	}
	dir := tb.TempDir()
	in, out := filepath.Join(dir, "in.jpg"), filepath.Join(dir, "out.heic")
	if err := os.WriteFile(in, jpegData, 0o600); err != nil {
		tb.Fatal(err)
	}
	if msg, err := exec.Command("heif-enc", "-q", "80", "-o", out, in).CombinedOutput(); err != nil {
		tb.Fatalf("heif-enc: %v: %s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
