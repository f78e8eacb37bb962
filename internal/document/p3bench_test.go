package document

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkNormalizeJPEG12MPDisplayP3 is the 12-megapixel photo as an iPhone tags it: Display P3, so its
// colours are converted to sRGB on the way.
func BenchmarkNormalizeJPEG12MPDisplayP3(b *testing.B) {
	data := withICC(photo12(), iccProfile(displayP3D50))
	n := New(Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Normalize(context.Background(), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
