package document

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gen2brain/heic"

	"intake/internal/document/doctest"
)

// checkJPEGOut asserts that a result is a clean JPEG: it decodes, fits the limit, and carries no
// metadata segment at all (no EXIF, XMP, ICC profile or comment).
func checkJPEGOut(t *testing.T, res *Result, maxEdge int) image.Image {
	t.Helper()
	if res.ContentType != "image/jpeg" || res.Ext() != ".jpg" {
		t.Fatalf("content type %q", res.ContentType)
	}
	img, err := jpeg.Decode(bytes.NewReader(res.Data))
	if err != nil {
		t.Fatalf("the output does not decode: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != res.Width || b.Dy() != res.Height || max(b.Dx(), b.Dy()) > maxEdge {
		t.Fatalf("output %v, result says %d×%d, limit %d", b, res.Width, res.Height, maxEdge)
	}
	for _, m := range jpegMarkers(res.Data) {
		if (m >= 0xE0 && m <= 0xEF) || m == 0xFE {
			t.Fatalf("the output carries metadata segment 0x%X", m)
		}
	}
	return img
}

// jpegMarkers lists the markers of a JPEG up to the start of scan.
func jpegMarkers(data []byte) []byte {
	var out []byte
	for i := 2; i+4 <= len(data) && data[i] == 0xFF; {
		m := data[i+1]
		out = append(out, m)
		if m == 0xDA {
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:i+4]))
	}
	return out
}

func normalize(t *testing.T, n *Normalizer, data []byte) (*Result, error) {
	t.Helper()
	return n.Normalize(context.Background(), bytes.NewReader(data))
}

func xImageTestdata(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/image").Output()
	if err != nil {
		t.Fatalf("find golang.org/x/image: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "testdata")
}

// TestCorpus runs every image file that ships with the Go distribution and with golang.org/x/image:
// baseline, progressive, CMYK, every chroma subsampling and restart intervals in JPEG; the PngSuite;
// interlaced and 5-bit GIF; every BMP depth; compressed, tiled, striped, paletted and 16-bit TIFF;
// lossy, lossless and alpha WebP.
func TestCorpus(t *testing.T) {
	exts := map[string]bool{".jpeg": true, ".jpg": true, ".png": true, ".gif": true, ".bmp": true, ".tiff": true, ".webp": true}
	brokenByDesign := map[string]bool{"invalid-palette-ref.tiff": true}
	var files []string
	for _, dir := range []string{
		filepath.Join(doctest.GoRoot(), "src", "image", "testdata"),
		filepath.Join(doctest.GoRoot(), "src", "image", "png", "testdata", "pngsuite"),
		xImageTestdata(t),
	} {
		all, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil || len(all) == 0 {
			t.Fatalf("no files in %s", dir)
		}
		for _, f := range all {
			if exts[filepath.Ext(f)] {
				files = append(files, f)
			}
		}
	}
	if len(files) < 150 {
		t.Fatalf("want the whole corpus, found %d files", len(files))
	}
	n := New(Options{MaxEdge: 200})
	formats := map[Format]int{}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := normalize(t, n, data)
			if brokenByDesign[filepath.Base(f)] {
				if !IsReject(err) {
					t.Fatalf("want a refusal, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			formats[res.In]++
			checkJPEGOut(t, res, 200)
			if max(res.InWidth, res.InHeight) <= 200 && (res.Width != res.InWidth || res.Height != res.InHeight) {
				t.Fatalf("a small image must not be resized: %d×%d became %d×%d", res.InWidth, res.InHeight, res.Width, res.Height)
			}
			if res.Quality == nil {
				t.Fatal("no quality rating")
			}
		})
	}
	for _, f := range []Format{JPEG, PNG, GIF, BMP, TIFF, WebP} {
		if formats[f] == 0 {
			t.Errorf("no %s file was normalised", f)
		}
	}
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func near(a, b color.Color, tolerance int) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) int { return abs(int(x>>8) - int(y>>8)) }
	return d(r1, r2) <= tolerance && d(g1, g2) <= tolerance && d(b1, b2) <= tolerance
}

func TestEveryEXIFOrientationComesOutUpright(t *testing.T) {
	up := doctest.Quadrants(300, 200)
	n := New(Options{MaxEdge: 150})
	for o := 1; o <= 8; o++ {
		data := doctest.WithEXIF(encodeJPEG(t, doctest.Stored(up, o), 95), o)
		if got := jpegOrientation(data); got != o {
			t.Fatalf("orientation %d read as %d", o, got)
		}
		res, err := normalize(t, n, data)
		if err != nil {
			t.Fatalf("orientation %d: %v", o, err)
		}
		out := checkJPEGOut(t, res, 150)
		if res.Width != 150 || res.Height != 100 || res.Orientation != o {
			t.Fatalf("orientation %d: %d×%d (orientation %d), want 150×100 upright", o, res.Width, res.Height, res.Orientation)
		}
		for _, probe := range []struct {
			x, y int
			want color.RGBA
		}{{20, 20, color.RGBA{220, 20, 20, 255}}, {130, 20, color.RGBA{20, 200, 20, 255}}, {20, 80, color.RGBA{20, 20, 220, 255}}, {130, 80, color.RGBA{255, 255, 255, 255}}} {
			if got := out.At(probe.x, probe.y); !near(got, probe.want, 40) {
				t.Errorf("orientation %d: at (%d,%d) got %v, want %v", o, probe.x, probe.y, got, probe.want)
			}
		}
		for _, leak := range []string{"Exif", "TestCam"} {
			if bytes.Contains(res.Data, []byte(leak)) {
				t.Errorf("orientation %d: the output still holds %q", o, leak)
			}
		}
	}
}

func TestCMYKAndProgressiveMatchTheirReference(t *testing.T) {
	dir := filepath.Join(doctest.GoRoot(), "src", "image", "testdata")
	n := New(Options{})
	for name, refName := range map[string]string{
		"video-001.cmyk.jpeg":         "video-001.cmyk.png",
		"video-001.rgb.jpeg":          "video-001.rgb.png",
		"video-001.progressive.jpeg":  "video-001.png",
		"video-001.q50.444.jpeg":      "video-001.png",
		"video-001.q50.410.jpeg":      "video-001.png",
		"video-005.gray.jpeg":         "video-005.gray.png",
		"video-005.gray.q50.2x2.jpeg": "video-005.gray.png",
		"video-001.221212.jpeg":       "video-001.221212.png",
	} {
		ref, err := os.ReadFile(filepath.Join(dir, refName))
		if err != nil {
			t.Fatal(err)
		}
		want, err := png.Decode(bytes.NewReader(ref))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		res, err := normalize(t, n, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := checkJPEGOut(t, res, 2000)
		if diff := meanDiff(got, want); diff > 10 { // a wrong colour conversion scores over 30
			t.Errorf("%s: mean difference %.1f from %s: colours are wrong", name, diff, refName)
		}
	}
}

// meanDiff answers the mean absolute difference per channel, 0 to 255, of two same-sized pictures.
func meanDiff(a, b image.Image) float64 {
	var sum, n float64
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			sum += float64(abs(int(r1>>8)-int(r2>>8)) + abs(int(g1>>8)-int(g2>>8)) + abs(int(b1>>8)-int(b2>>8)))
			n += 3
		}
	}
	return sum / n
}

func TestHEIC(t *testing.T) {
	up := doctest.Quadrants(640, 480)
	data := heicOf(t, encodeJPEG(t, up, 95))
	if Sniff(data[:64]) != HEIC {
		t.Fatalf("heif-enc output not recognised: % x", data[:16])
	}
	if w, h, err := heifSize(data); err != nil || w != 640 || h != 480 {
		t.Fatalf("size from the header: %d×%d, %v", w, h, err)
	}
	res, err := normalize(t, New(Options{MaxEdge: 320}), data)
	if err != nil {
		t.Fatalf("%v (%v); libheif from the system: %v", err, errors.Unwrap(err), heic.Dynamic() == nil)
	}
	out := checkJPEGOut(t, res, 320)
	if res.In != HEIC || res.InWidth != 640 || res.Width != 320 || res.Height != 240 {
		t.Fatalf("result: %+v", res)
	}
	if !near(out.At(40, 40), color.RGBA{220, 20, 20, 255}, 40) || !near(out.At(280, 200), color.RGBA{255, 255, 255, 255}, 40) {
		t.Fatalf("HEIC colours wrong: %v %v", out.At(40, 40), out.At(280, 200))
	}
}

func TestAnimatedGIFTakesTheFirstFrame(t *testing.T) {
	pal := color.Palette{color.RGBA{200, 0, 0, 255}, color.RGBA{0, 0, 200, 255}}
	frame := func(i uint8) *image.Paletted {
		p := image.NewPaletted(image.Rect(0, 0, 40, 30), pal)
		for j := range p.Pix {
			p.Pix[j] = i
		}
		return p
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{frame(0), frame(1)}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	res, err := normalize(t, New(Options{}), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if out := checkJPEGOut(t, res, 2000); !near(out.At(20, 15), color.RGBA{200, 0, 0, 255}, 30) {
		t.Fatalf("want the first (red) frame, got %v", out.At(20, 15))
	}
}

func TestTransparencyBecomesWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 20, 20))
	img.Set(5, 5, color.NRGBA{0, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	res, err := normalize(t, New(Options{}), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	out := checkJPEGOut(t, res, 2000)
	if !near(out.At(15, 15), color.White, 8) {
		t.Fatalf("a transparent pixel should be white, got %v", out.At(15, 15))
	}
}

func TestTwelveMegapixelsFitTheEdge(t *testing.T) {
	res, err := normalize(t, New(Options{ThumbnailEdge: 240}), photo12())
	if err != nil {
		t.Fatal(err)
	}
	checkJPEGOut(t, res, 2000)
	if res.Width != 2000 || res.Height != 1500 || res.InWidth != 4032 {
		t.Fatalf("%d×%d from %d×%d", res.Width, res.Height, res.InWidth, res.InHeight)
	}
	if len(res.Data) > 1<<20 {
		t.Fatalf("a 2000-pixel photo should be well under 1 MB, got %d bytes", len(res.Data))
	}
	thumb := decodeJPEG(t, res.Thumbnail)
	if b := thumb.Bounds(); b.Dx() != 240 || b.Dy() != 180 {
		t.Fatalf("thumbnail %v, want 240×180", b)
	}
}

func TestQualityFlagsBlurDarknessAndGlare(t *testing.T) {
	sharp := decodeJPEG(t, doctest.PhotoLike(1600, 1200))
	tests := []struct {
		name  string
		img   image.Image
		check func(Quality) bool
	}{
		{"sharp", sharp, func(q Quality) bool { return !q.NeedsRetake() }},
		{"blurred", boxBlur(sharp, 12), func(q Quality) bool { return q.Blurry && !q.Dark && !q.Overexposed }},
		{"dark", scaleBrightness(sharp, 0.25), func(q Quality) bool { return q.Dark }},
		{"blown out", scaleBrightness(sharp, 2.5), func(q Quality) bool { return q.Overexposed }},
	}
	n := New(Options{})
	for _, tt := range tests {
		res, err := normalize(t, n, encodeJPEG(t, tt.img, 90))
		if err != nil {
			t.Fatal(err)
		}
		if q := *res.Quality; !tt.check(q) {
			t.Errorf("%s: %+v", tt.name, q)
		}
	}
}

func decodeJPEG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func boxBlur(img image.Image, r int) image.Image {
	p := planesOf(img)
	blur := func(pl plane) plane { return resize(resize(pl, max(1, pl.w/r), max(1, pl.h/r)), pl.w, pl.h) }
	return ycbcr{y: blur(p.y), cb: blur(p.cb), cr: blur(p.cr)}.image444()
}

func scaleBrightness(img image.Image, f float64) image.Image {
	p := planesOf(img)
	y := newPlane(p.y.w, p.y.h)
	for r := range p.y.h {
		for x, v := range p.y.row(r) {
			y.pix[r*y.w+x] = uint8(min(255, float64(v)*f))
		}
	}
	return ycbcr{y: y, cb: p.cb, cr: p.cr}.image444()
}

// image444 answers planes of equal size as a picture, for tests that build inputs.
func (m ycbcr) image444() *image.YCbCr {
	img := m.image()
	if m.cb.w == m.y.w {
		img.SubsampleRatio = image.YCbCrSubsampleRatio444
	}
	return img
}

func TestDecodesAreBounded(t *testing.T) {
	n := New(Options{MaxDecodes: 1})
	n.slots <- struct{}{} // another decode holds the only slot
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := n.Normalize(ctx, bytes.NewReader(encodeJPEG(t, doctest.Quadrants(20, 20), 90)))
	if !errors.Is(err, context.DeadlineExceeded) || IsReject(err) {
		t.Fatalf("with every slot taken the decode must wait, and give up with the context; got %v", err)
	}
	<-n.slots
	if _, err := n.Normalize(context.Background(), bytes.NewReader(encodeJPEG(t, doctest.Quadrants(20, 20), 90))); err != nil {
		t.Fatalf("a free slot must be usable: %v", err)
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]Format{
		"\xFF\xD8\xFF\xE0":             JPEG,
		"\x89PNG\r\n\x1a\n":            PNG,
		"GIF89a":                       GIF,
		"II*\x00":                      TIFF,
		"RIFF\x00\x00\x00\x00WEBPVP8 ": WebP,
		"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic": HEIC,
		"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1miaf": HEIC,
		"\x00\x00\x00\x18ftypavif\x00\x00\x00\x00avifmif1": "",
		"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42": "",
		"%PDF-1.7": PDF,
		"BM is a fine way to start a sentence, not a bitmap": "",
		"<html>": "",
		"":       "",
	}
	for head, want := range tests {
		if got := Sniff([]byte(head)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", head, got, want)
		}
	}
}
