package jpeg

import (
	"bytes"
	"image"
	stdjpeg "image/jpeg"
	"testing"

	"intake/internal/document/doctest"
)

// FuzzDecodeScaled feeds the decoder arbitrary bytes at every scale. At scale 1 it must agree with
// image/jpeg exactly; at any scale it must not panic, and a picture it answers has the scaled size.
// Run it longer with: go test -fuzz FuzzDecodeScaled ./internal/document/internal/jpeg
func FuzzDecodeScaled(f *testing.F) {
	f.Add(doctest.JPEG(doctest.Quadrants(33, 17), 80), uint8(2))
	f.Add(doctest.JPEG(grey(doctest.Quadrants(16, 16)), 50), uint8(4))
	f.Add(doctest.PhotoLike(40, 24), uint8(8))
	f.Fuzz(func(t *testing.T, data []byte, s uint8) {
		scale := []int{1, 2, 4, 8}[s%4]
		cfg, cfgErr := stdjpeg.DecodeConfig(bytes.NewReader(data))
		if cfgErr != nil || cfg.Width*cfg.Height > 1<<22 {
			return // the normaliser never decodes what its header check refuses
		}
		got, err := DecodeScaled(bytes.NewReader(data), scale)
		if scale == 1 {
			want, wantErr := stdjpeg.Decode(bytes.NewReader(data))
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("error %v, image/jpeg %v", err, wantErr)
			}
			if err == nil && (got.Bounds() != want.Bounds() || meanDiff(got, want, 1) != 0) {
				t.Fatal("differs from image/jpeg")
			}
			return
		}
		if err == nil {
			want := image.Rect(0, 0, (cfg.Width+scale-1)/scale, (cfg.Height+scale-1)/scale)
			if got.Bounds() != want {
				t.Fatalf("bounds %v, want %v", got.Bounds(), want)
			}
		}
	})
}
