package document

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// photo12 answers a 12-megapixel (4032×3024) photo-like JPEG at quality 92, about 3.5 MB, the size a
// phone camera produces.
var photo12 = sync.OnceValue(func() []byte { return photoLike(4032, 3024) })

// photoLike answers a photo-like JPEG at quality 92: smooth gradients, hard edges and sensor noise, so
// that it compresses and decodes like a real photo rather than like a flat test card.
func photoLike(w, h int) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	// sin(a+b) = sin a cos b + cos a sin b: tables per column and per row instead of a sine per pixel.
	sx, cx := make([]float64, w), make([]float64, w)
	for x := range w {
		sx[x], cx[x] = math.Sincos(float64(x) / float64(w) * 17)
	}
	sy, cy := make([]float64, h), make([]float64, h)
	for y := range h {
		sy[y], cy[y] = math.Sincos(float64(y) / float64(h) * 5)
	}
	seed := uint32(2463534242)
	for y := range h {
		row := img.Y[y*img.YStride : y*img.YStride+w]
		band := 40 * math.Cos(float64(y)/float64(h)*23)
		for x := range row {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			v := 128 + 60*(sx[x]*cy[y]+cx[x]*sy[y]) + band + float64(seed%13) - 6
			if (x/300+y/200)%7 == 0 {
				v = 230 - v/3
			}
			row[x] = uint8(max(0, min(255, v)))
		}
	}
	for y := range (h + 1) / 2 {
		for x := range (w + 1) / 2 {
			i := y*img.CStride + x
			img.Cb[i] = uint8(128 + 30*sx[min(2*x, w-1)])
			img.Cr[i] = uint8(128 + 30*cy[min(2*y, h-1)])
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

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
