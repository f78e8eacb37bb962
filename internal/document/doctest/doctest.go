// Package doctest builds the documents that tests of Intake send: pictures whose orientation shows,
// JPEGs with EXIF metadata, and PDFs. It is for tests only.
package doctest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os/exec"
	"strings"
)

// Quadrants is an upright test picture: red top left, green top right, blue bottom left, white bottom
// right, each a solid block, so that any turn or flip shows.
func Quadrants(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case x < w/2 && y < h/2:
				c = color.RGBA{220, 20, 20, 255}
			case y < h/2:
				c = color.RGBA{20, 200, 20, 255}
			case x < w/2:
				c = color.RGBA{20, 20, 220, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// Stored answers how a camera stores an upright picture it tags with EXIF orientation o: the inverse
// of the turn a viewer applies. Written out per case, independently of the code under test.
func Stored(up *image.RGBA, o int) *image.RGBA {
	W, H := up.Bounds().Dx(), up.Bounds().Dy()
	sw, sh := W, H
	if o >= 5 {
		sw, sh = H, W
	}
	s := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := range sh {
		for x := range sw {
			// (x, y) in the stored picture shows at (ux, uy) once the viewer turns it upright.
			var ux, uy int
			switch o {
			case 1:
				ux, uy = x, y
			case 2:
				ux, uy = sw-1-x, y
			case 3:
				ux, uy = sw-1-x, sh-1-y
			case 4:
				ux, uy = x, sh-1-y
			case 5:
				ux, uy = y, x
			case 6: // stored turned 90° anticlockwise; the viewer turns it clockwise
				ux, uy = sh-1-y, x
			case 7:
				ux, uy = sh-1-y, sw-1-x
			case 8:
				ux, uy = y, sw-1-x
			}
			s.Set(x, y, up.At(ux, uy))
		}
	}
	return s
}

// WithEXIF inserts an EXIF segment after a JPEG's start: the orientation, a camera make and GPS
// coordinates, all of which must be gone from the output.
func WithEXIF(jpg []byte, orientation int) []byte {
	le := binary.LittleEndian
	tiff := []byte("II*\x00\x08\x00\x00\x00")
	entries := []struct {
		tag, typ uint16
		count    uint32
		value    uint32
	}{
		{0x010F, 2, 8, 50},                  // Make, ASCII at offset 50
		{0x0112, 3, 1, uint32(orientation)}, // Orientation
		{0x8825, 4, 1, 58},                  // GPS IFD pointer
	}
	tiff = le.AppendUint16(tiff, uint16(len(entries)))
	for _, e := range entries {
		tiff = le.AppendUint16(tiff, e.tag)
		tiff = le.AppendUint16(tiff, e.typ)
		tiff = le.AppendUint32(tiff, e.count)
		tiff = le.AppendUint32(tiff, e.value)
	}
	tiff = le.AppendUint32(tiff, 0)
	tiff = append(tiff, "TestCam\x00"...)                              // at 50
	tiff = append(tiff, 1, 0, 0x02, 0, 2, 0, 1, 0, 0, 0, 'N', 0, 0, 0) // a GPS IFD: latitude ref N
	tiff = append(tiff, 0, 0, 0, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// JPEG encodes a picture at the given quality.
func JPEG(img image.Image, quality int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		panic(err) // encoding into memory fails only on a programming error
	}
	return buf.Bytes()
}

// ClassicPDF writes a PDF with a cross-reference table from object bodies, numbered from 1; object 1
// must be the catalog.
func ClassicPDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, body := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// PhotoLike answers a photo-like JPEG at quality 92: smooth gradients, hard edges and sensor noise, so
// that it compresses and decodes like a real photo rather than like a flat test card.
func PhotoLike(w, h int) []byte {
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
		panic(err) // encoding into memory fails only on a programming error
	}
	return buf.Bytes()
}

// BombPNG is a real decompression bomb: 20000×20000 pixels, 400 megapixels once decoded, in about 50 KB
// (one bit a pixel keeps it quick to build).
func BombPNG() []byte {
	var raw bytes.Buffer
	w, _ := zlib.NewWriterLevel(&raw, zlib.BestSpeed)
	row := make([]byte, 1+20000/8)
	for range 20000 {
		w.Write(row)
	}
	w.Close()
	chunk := func(b *bytes.Buffer, typ string, data []byte) {
		binary.Write(b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 20000)
	binary.BigEndian.PutUint32(ihdr[4:], 20000)
	ihdr[8] = 1 // bit depth; colour type 0, grey
	chunk(&out, "IHDR", ihdr)
	chunk(&out, "IDAT", raw.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

// GoRoot answers the Go installation's root, where the image test files of the Go distribution are,
// as the go command reports it.
func GoRoot() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		panic("doctest: go env GOROOT: " + err.Error()) // tests run with the go command at hand
	}
	return strings.TrimSpace(string(out))
}
