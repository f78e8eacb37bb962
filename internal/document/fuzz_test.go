package document

import (
	"bytes"
	"context"
	"image/gif"
	"image/png"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"intake/internal/document/doctest"
)

// FuzzNormalize feeds the sniff-and-normalise entry point arbitrary bytes: whatever comes in, the answer
// is a clean JPEG, an unchanged PDF, or a refusal for the sender; never a panic, a hang or a server error.
// Run it longer with: go test -fuzz FuzzNormalize ./internal/document
func FuzzNormalize(f *testing.F) {
	small := doctest.Quadrants(24, 16)
	var pngBuf, gifBuf, bmpBuf, tiffBuf bytes.Buffer
	png.Encode(&pngBuf, small)
	gif.Encode(&gifBuf, small, nil)
	bmp.Encode(&bmpBuf, small)
	tiff.Encode(&tiffBuf, small, nil)
	for _, seed := range [][]byte{
		doctest.WithEXIF(encodeJPEG(f, small, 80), 6),
		withICC(encodeJPEG(f, small, 80), iccProfile(displayP3D50)),
		heifWithColour(12),
		pngBuf.Bytes(), gifBuf.Bytes(), bmpBuf.Bytes(), tiffBuf.Bytes(),
		[]byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"),
		[]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
		doctest.ClassicPDF(catalog, onePage, pageWithC, content),
		modernPDF([]string{catalog, onePage, pageObj}, nil),
		[]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF"),
	} {
		f.Add(seed)
	}
	n := New(Options{MaxBytes: 1 << 20, MaxPixels: 1 << 20, MaxEdge: 64})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := n.Normalize(context.Background(), bytes.NewReader(data))
		if err != nil {
			if !IsReject(err) {
				t.Fatalf("not a refusal: %v", err)
			}
			if err.Error() == "" {
				t.Fatal("a refusal without a message")
			}
			return
		}
		switch res.ContentType {
		case "application/pdf":
			if !bytes.Equal(res.Data, data) {
				t.Fatal("a PDF must pass unchanged")
			}
		case "image/jpeg":
			if res.Width < 1 || res.Height < 1 || max(res.Width, res.Height) > 64 || !bytes.HasPrefix(res.Data, []byte{0xFF, 0xD8}) {
				t.Fatalf("bad output: %d×%d", res.Width, res.Height)
			}
		default:
			t.Fatalf("content type %q", res.ContentType)
		}
	})
}
