package document

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"intake/internal/document/doctest"
)

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// modernPDF writes a PDF as current software does: the catalog and pages packed in a compressed object
// stream, and a compressed cross-reference stream with the PNG "Up" predictor. packed holds the bodies
// of objects 1.. (object 1 the catalog); page content streams cannot be packed and go in loose.
func modernPDF(packed []string, loose []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	var header, body strings.Builder
	for i, obj := range packed {
		fmt.Fprintf(&header, "%d %d ", i+1, body.Len())
		body.WriteString(obj + "\n")
	}
	stmData := header.String() + body.String()
	stmNum := len(packed) + len(loose) + 1
	type entry struct{ kind, a, b int }
	entries := make([]entry, stmNum+2)
	for i := range packed {
		entries[i+1] = entry{2, stmNum, i}
	}
	for i, obj := range loose {
		num := len(packed) + 1 + i
		entries[num] = entry{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", num, obj)
	}
	z := deflate([]byte(stmData))
	entries[stmNum] = entry{1, b.Len(), 0}
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stmNum, len(packed), len(header.String()), len(z))
	b.Write(z)
	b.WriteString("\nendstream\nendobj\n")
	xrefNum := stmNum + 1
	entries[xrefNum] = entry{1, b.Len(), 0}
	// Rows of 1 + 4 + 2 bytes, each behind PNG filter 2 (Up).
	var rows []byte
	prev := make([]byte, 7)
	for _, e := range entries {
		row := []byte{byte(e.kind), 0, 0, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(row[1:5], uint32(e.a))
		binary.BigEndian.PutUint16(row[5:7], uint16(e.b))
		rows = append(rows, 2)
		for i := range row {
			rows = append(rows, row[i]-prev[i])
		}
		prev = row
	}
	z = deflate(rows)
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >> /Length %d >>\nstream\n", xrefNum, len(entries), len(z))
	b.Write(z)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", entries[xrefNum].a)
	return b.Bytes()
}

const (
	catalog   = "<< /Type /Catalog /Pages 2 0 R >>"
	onePage   = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	pageObj   = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
	content   = "<< /Length 35 >>\nstream\nBT /F1 12 Tf 72 720 Td (Hi) Tj ET\nendstream"
	pageWithC = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
)

func pagesPDF(n int) []byte {
	kids := make([]string, n)
	objs := []string{catalog, ""}
	for i := range n {
		kids[i] = fmt.Sprintf("%d 0 R", i+3)
		objs = append(objs, pageObj)
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return doctest.ClassicPDF(objs...)
}

func TestGoodPDFsPassUnchanged(t *testing.T) {
	tests := map[string]struct {
		data  []byte
		pages int
	}{
		"classic, one page":                   {doctest.ClassicPDF(catalog, onePage, pageWithC, content), 1},
		"classic, twenty pages":               {pagesPDF(20), 20},
		"object and xref streams":             {modernPDF([]string{catalog, onePage, pageWithC}, []string{content}), 1},
		"wrong xref offsets, read by objects": {brokenXref(doctest.ClassicPDF(catalog, onePage, pageObj)), 1},
		"a JavaScript word in page text":      {doctest.ClassicPDF(catalog, onePage, pageWithC, "<< /Length 44 >>\nstream\nBT (JavaScript /JS is just text here) Tj ET\nendstream"), 1},
	}
	n := New(Options{})
	for name, tt := range tests {
		res, err := normalize(t, n, tt.data)
		if err != nil {
			t.Errorf("%s: %v (%v)", name, err, unwrapAll(err))
			continue
		}
		if res.ContentType != "application/pdf" || res.Ext() != ".pdf" || res.Pages != tt.pages || !bytes.Equal(res.Data, tt.data) {
			t.Errorf("%s: %s, %d pages, unchanged %v", name, res.ContentType, res.Pages, bytes.Equal(res.Data, tt.data))
		}
	}
}

// brokenXref shifts every offset in the cross-reference table, as careless software leaves them.
func brokenXref(pdf []byte) []byte {
	return bytes.ReplaceAll(pdf, []byte(" 00000 n "), []byte("7 00000 n "))[0:]
}

func unwrapAll(err error) error {
	var r *RejectError
	if e, ok := err.(*RejectError); ok {
		r = e
		return r.Cause
	}
	return err
}

func pngSuite(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(doctest.GoRoot(), "src", "image", "png", "testdata", "pngsuite", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// corruptPNG applies one of the PngSuite's corruptions (its x*.png files, which the Go distribution does
// not ship) to a valid PngSuite file.
func corruptPNG(t *testing.T, how string) []byte {
	t.Helper()
	good := pngSuite(t, "basn0g08.png")
	data := append([]byte(nil), good...)
	ihdr := 8 // the IHDR chunk: length, type, 13 bytes of data, CRC
	idat := bytes.Index(data, []byte("IDAT")) - 4
	fixCRC := func(chunk int) {
		length := int(binary.BigEndian.Uint32(data[chunk:]))
		binary.BigEndian.PutUint32(data[chunk+8+length:], crc32.ChecksumIEEE(data[chunk+4:chunk+8+length]))
	}
	switch how {
	case "xs1n0g01": // signature byte 1 changed
		data[1] = 'Q'
	case "xcrn0g04": // every LF turned into CR LF, as a text-mode transfer does
		return bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n"))
	case "xhdn0g08": // IHDR checksum wrong
		data[ihdr+8+13] ^= 0xFF
	case "xc1n0g08": // colour type 1, which does not exist
		data[ihdr+8+9] = 1
		fixCRC(ihdr)
	case "xd0n2c08": // bit depth 0
		data[ihdr+8+8] = 0
		fixCRC(ihdr)
	case "xcsn0g01": // IDAT checksum wrong
		length := int(binary.BigEndian.Uint32(data[idat:]))
		data[idat+8+length] ^= 0xFF
	case "xdtn0g01": // no IDAT at all
		length := int(binary.BigEndian.Uint32(data[idat:]))
		data = append(data[:idat:idat], data[idat+12+length:]...)
	}
	return data
}

func TestHostileInputsAreRefusedWithAClearMessage(t *testing.T) {
	photo := encodeJPEG(t, doctest.Quadrants(400, 300), 90)
	var gifBuf, bmpBuf, tiffBuf bytes.Buffer
	small := doctest.Quadrants(64, 48)
	gif.Encode(&gifBuf, small, nil)
	bmp.Encode(&bmpBuf, small)
	tiff.Encode(&tiffBuf, small, nil)
	tests := []struct {
		name string
		data []byte
		says string
	}{
		{"empty file", nil, "empty"},
		{"over the size limit", append(append([]byte{}, photo...), make([]byte, 20<<20)...), "larger than 20 MB"},
		{"decompression bomb", doctest.BombPNG(), "too large"},
		{"truncated JPEG", photo[:len(photo)/2], "could not be read"},
		{"JPEG marker then noise", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte{0x5A}, 500)...), "could not be read"},
		{"HTML named .jpg", []byte("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"), "not a photo or a PDF"},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`), "not a photo or a PDF"},
		{"a ZIP", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), "not a photo or a PDF"},
		{"truncated GIF", gifBuf.Bytes()[:len(gifBuf.Bytes())/2], "could not be read"},
		{"truncated BMP", bmpBuf.Bytes()[:len(bmpBuf.Bytes())/2], "could not be read"},
		{"truncated TIFF", tiffBuf.Bytes()[:len(tiffBuf.Bytes())/3], "could not be read"},
		{"truncated WebP", []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"), "could not be read"},
		{"HEIC box with no image", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic\x00\x00\x00\x08free"), "could not be read"},
		{"PDF with JavaScript", doctest.ClassicPDF("<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", onePage, pageObj, "<< /S /JavaScript /JS (app.alert(1)) >>"), "scripts"},
		{"PDF with a JavaScript name tree", doctest.ClassicPDF("<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>", onePage, pageObj, "<< /Names [(a) 5 0 R] >>", "<< /S /JavaScript /JS (x) >>"), "scripts"},
		{"PDF with a disguised name", doctest.ClassicPDF("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (x) >> >>", onePage, pageObj), "scripts"},
		{"PDF with JavaScript in an object stream", modernPDF([]string{"<< /Type /Catalog /Pages 2 0 R /AA << /O 4 0 R >> >>", onePage, pageObj, "<< /S /JavaScript /JS (x) >>"}, nil), "scripts"},
		{"PDF with a launch action", doctest.ClassicPDF("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >> >>", onePage, pageObj), "other programs"},
		{"PDF with an embedded file", doctest.ClassicPDF("<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >> >>", onePage, pageObj, "<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"), "files attached"},
		{"encrypted PDF", bytes.Replace(doctest.ClassicPDF(catalog, onePage, pageObj, "<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>"), []byte("/Root 1 0 R >>"), []byte("/Root 1 0 R /Encrypt 4 0 R >>"), 1), "password"},
		{"PDF of 21 pages", pagesPDF(21), "21 pages; at most 20"},
		{"PDF with no pages", doctest.ClassicPDF(catalog, "<< /Type /Pages /Kids [] /Count 0 >>"), "no pages"},
		{"PDF without a catalog", doctest.ClassicPDF("<< /Type /Pages /Kids [] /Count 0 >>"), "could not be read"},
		{"PDF header then garbage", append([]byte("%PDF-1.7\n"), append(bytes.Repeat([]byte("garbage "), 100), "\n%%EOF\n"...)...), "could not be read"},
		{"PDF without its end", bytes.TrimSuffix(doctest.ClassicPDF(catalog, onePage, pageObj), []byte("%%EOF\n")), "could not be read"},
		{"PDF truncated in an object", append(doctest.ClassicPDF(catalog, onePage, pageObj)[:60], "\n%%EOF\n"...), "could not be read"},
		{"PDF referring to itself", doctest.ClassicPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 2 0 R >>"), ""},
		{"PDF nested a thousand deep", doctest.ClassicPDF(catalog, onePage, strings.Repeat("[", 1000)+strings.Repeat("]", 1000)), "could not be read"},
		{"PDF with a zip bomb in an object stream", modernPDF([]string{catalog, onePage, pageObj, "(" + strings.Repeat("A", pdfMaxInflate) + ")"}, nil), "could not be read"},
	}
	for _, corruption := range []string{"xs1n0g01", "xcrn0g04", "xhdn0g08", "xc1n0g08", "xd0n2c08", "xcsn0g01", "xdtn0g01"} {
		says := "could not be read"
		if corruption == "xs1n0g01" || corruption == "xcrn0g04" {
			says = "not a photo or a PDF" // the signature itself is broken
		}
		tests = append(tests, struct {
			name string
			data []byte
			says string
		}{"PngSuite " + corruption, corruptPNG(t, corruption), says})
	}
	n := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := normalize(t, n, tt.data)
			if tt.says == "" { // must simply not hang or crash; either answer is fine
				if err != nil && !IsReject(err) {
					t.Fatalf("not a refusal: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted: %s, %d bytes", res.ContentType, len(res.Data))
			}
			if !IsReject(err) {
				t.Fatalf("want a refusal for the sender, got %v", err)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("message %q does not say %q", err, tt.says)
			}
		})
	}
}

func TestRefusalsNameWhatIsAccepted(t *testing.T) {
	_, err := normalize(t, New(Options{}), []byte("just some text"))
	for _, want := range []string{"JPEG", "PNG", "HEIC", "PDF"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("the message should name %s as accepted: %v", want, err)
		}
	}
}

// A decoder that panics is recovered: the panic becomes a refusal.
func TestDecoderPanicBecomesARefusal(t *testing.T) {
	var err error
	func() {
		defer recoverInto(&err)
		var img image.Image = (*image.RGBA)(nil)
		_ = img.Bounds().Dx() + len(img.(*image.RGBA).Pix) // nil dereference
	}()
	if err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("want the panic as an error, got %v", err)
	}
}
