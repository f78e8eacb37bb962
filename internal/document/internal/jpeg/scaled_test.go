package jpeg

import (
	"bytes"
	"image"
	stdjpeg "image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"intake/internal/document/doctest"
)

func corpus(t *testing.T) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(doctest.GoRoot(), "src", "image", "testdata", "*.jpeg"))
	if len(files) < 20 {
		t.Fatalf("want Go's JPEG test files, found %d", len(files))
	}
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = data
	}
	return out
}

// At scale 1 the copy decodes exactly as image/jpeg does.
func TestScaleOneIsTheStandardDecoder(t *testing.T) {
	for name, data := range corpus(t) {
		want, wantErr := stdjpeg.Decode(bytes.NewReader(data))
		got, err := DecodeScaled(bytes.NewReader(data), 1)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%s: error %v, image/jpeg %v", name, err, wantErr)
		}
		if err != nil {
			continue
		}
		if got.Bounds() != want.Bounds() || meanDiff(got, want, 1) != 0 {
			t.Errorf("%s: differs from image/jpeg", name)
		}
	}
}

// At 1/2, 1/4 and 1/8 a photo is the full decode averaged over 2×2, 4×4 and 8×8 blocks, within what an
// ideal low-pass filter and rounding change; odd sizes end in partial blocks.
func TestScaledDecodeMatchesTheAveragedFullDecode(t *testing.T) {
	for _, size := range [][2]int{{800, 600}, {801, 603}, {333, 517}} {
		for name, data := range map[string][]byte{
			"photo":     doctest.PhotoLike(size[0], size[1]),
			"quadrants": doctest.JPEG(doctest.Quadrants(size[0], size[1]), 90),
			"grey":      doctest.JPEG(grey(doctest.Quadrants(size[0], size[1])), 90),
		} {
			full, err := stdjpeg.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			for _, scale := range []int{2, 4, 8} {
				got, err := DecodeScaled(bytes.NewReader(data), scale)
				if err != nil {
					t.Fatalf("%s %v at 1/%d: %v", name, size, scale, err)
				}
				checkBounds(t, got, full, scale)
				tolerance := 2.0
				if scale == 8 {
					tolerance = 3.5 // a pixel per block, colour from a 16×16 area in 4:2:0
				}
				if d := meanDiff(got, full, scale); d > tolerance {
					t.Errorf("%s %v at 1/%d: mean difference %.2f from the averaged full decode", name, size, scale, d)
				}
			}
		}
	}
}

// Every kind of JPEG in Go's corpus (progressive, restart intervals, every subsampling, CMYK, grey,
// RGB) decodes at every scale to the right size, with no block misplaced: a misplaced block costs a
// mean difference of 30 and more, these tiny and detailed pictures score under 15.
func TestScaledDecodesTheWholeCorpus(t *testing.T) {
	for name, data := range corpus(t) {
		full, err := stdjpeg.Decode(bytes.NewReader(data))
		if err != nil {
			continue // the corpus's deliberately damaged files
		}
		for _, scale := range []int{2, 4, 8} {
			got, err := DecodeScaled(bytes.NewReader(data), scale)
			if err != nil {
				t.Fatalf("%s at 1/%d: %v", name, scale, err)
			}
			checkBounds(t, got, full, scale)
			if d := meanDiff(got, full, scale); d > 15 {
				t.Errorf("%s at 1/%d: mean difference %.2f from the averaged full decode", name, scale, d)
			}
		}
	}
}

func checkBounds(t *testing.T, got, full image.Image, scale int) {
	t.Helper()
	fb := full.Bounds()
	if want := image.Rect(0, 0, (fb.Dx()+scale-1)/scale, (fb.Dy()+scale-1)/scale); got.Bounds() != want {
		t.Fatalf("at 1/%d: bounds %v, want %v", scale, got.Bounds(), want)
	}
}

func grey(img image.Image) *image.Gray {
	g := image.NewGray(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

func TestUnsupportedScale(t *testing.T) {
	if _, err := DecodeScaled(bytes.NewReader(nil), 3); err == nil {
		t.Fatal("scale 3 accepted")
	}
}

// meanDiff compares a picture at 1/scale with the full one averaged over scale×scale blocks, as the
// mean absolute difference per RGB channel. Edge pixels of partial blocks are left out.
func meanDiff(small, full image.Image, scale int) float64 {
	sb, fb := small.Bounds(), full.Bounds()
	var sum, count float64
	for y := 0; y < fb.Dy()/scale && y < sb.Dy(); y++ {
		for x := 0; x < fb.Dx()/scale && x < sb.Dx(); x++ {
			var r, g, b float64
			for dy := range scale {
				for dx := range scale {
					cr, cg, cb, _ := full.At(fb.Min.X+x*scale+dx, fb.Min.Y+y*scale+dy).RGBA()
					r, g, b = r+float64(cr>>8), g+float64(cg>>8), b+float64(cb>>8)
				}
			}
			n := float64(scale * scale)
			sr, sg, sbl, _ := small.At(sb.Min.X+x, sb.Min.Y+y).RGBA()
			sum += abs(float64(sr>>8)-r/n) + abs(float64(sg>>8)-g/n) + abs(float64(sbl>>8)-b/n)
			count += 3
		}
	}
	return sum / count
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
