package cli

import (
	"bytes"
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"intake/internal/document/doctest"
)

func TestNormalizeCommand(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "IMG_0003.JPG"), filepath.Join(dir, "out.jpg")
	photo := doctest.WithEXIF(doctest.JPEG(doctest.Stored(doctest.Quadrants(3000, 2000), 8), 92), 8)
	if err := os.WriteFile(in, photo, 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr lockedBuffer
	if code := Run(context.Background(), []string{"normalize", in, out}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	report := stdout.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`in:  jpeg, \d+ KB, 2000×3000, EXIF orientation 8`),
		regexp.MustCompile(`out: image/jpeg, \d+ KB, 2000×1333, upright, no metadata`),
		regexp.MustCompile(`time: \d+\.\d{3}s`),
		regexp.MustCompile(`quality: `),
	} {
		if !want.MatchString(report) {
			t.Errorf("the report does not say %v:\n%s", want, report)
		}
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(written))
	if err != nil || img.Bounds().Dx() != 2000 || bytes.Contains(written, []byte("Exif")) {
		t.Fatalf("output: %v, %v, EXIF %v", img.Bounds(), err, bytes.Contains(written, []byte("Exif")))
	}
}

func TestNormalizeCommandRefusals(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.jpg")
	os.WriteFile(page, []byte("<html>not a photo</html>"), 0o600)
	tests := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"normalize", page, filepath.Join(dir, "x.jpg")}, 3, "not a photo or a PDF"},
		{[]string{"normalize", filepath.Join(dir, "missing.jpg"), filepath.Join(dir, "x.jpg")}, 1, "no such file"},
		{[]string{"normalize", page}, 2, "usage"},
	}
	for _, tt := range tests {
		var stdout, stderr lockedBuffer
		if code := Run(context.Background(), tt.args, &stdout, &stderr, noEnv); code != tt.code || !strings.Contains(stderr.String(), tt.says) {
			t.Errorf("%v: exit %d (want %d), stderr %q", tt.args, code, tt.code, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.jpg")); err == nil {
		t.Fatal("a refused file must not leave an output")
	}
}
