package document

import (
	"bytes"
	"encoding/binary"
)

// Format is what a file is, decided from its bytes alone.
type Format string

// The formats Intake accepts.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	BMP  Format = "bmp"
	TIFF Format = "tiff"
	WebP Format = "webp"
	HEIC Format = "heic"
	PDF  Format = "pdf"
)

// Accepted names what Intake takes, for messages.
const Accepted = "photos (JPEG, PNG, GIF, BMP, TIFF, WebP, HEIC or HEIF) and PDF documents"

// heifBrands are the ISO base media file brands of HEIF images. AVIF shares the container but not the
// codec, and is not among them.
var heifBrands = map[string]bool{
	"heic": true, "heix": true, "hevc": true, "hevx": true, "heim": true, "heis": true, "hevm": true, "hevs": true,
	"mif1": true, "msf1": true,
}

// Sniff answers the format of the file that starts with head (the first 64 bytes are enough), or "".
func Sniff(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return GIF
	case len(head) >= 26 && bytes.HasPrefix(head, []byte("BM")) && isBMPHeader(head):
		return BMP
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return TIFF
	case len(head) >= 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")):
		return WebP
	case isHEIF(head):
		return HEIC
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF
	}
	return ""
}

// isBMPHeader checks more than the two letters "BM", which plain text may start with: the header sizes
// must be those of a real bitmap.
func isBMPHeader(head []byte) bool {
	dibSize := binary.LittleEndian.Uint32(head[14:18])
	return binary.LittleEndian.Uint32(head[6:10]) == 0 && (dibSize == 12 || dibSize == 40 || dibSize == 52 || dibSize == 56 || dibSize == 108 || dibSize == 124)
}

// isHEIF reads the leading ftyp box: its major brand, or one of its compatible brands, must be a HEIF
// image brand and none may say AVIF.
func isHEIF(head []byte) bool {
	if len(head) < 16 || string(head[4:8]) != "ftyp" {
		return false
	}
	size := int(binary.BigEndian.Uint32(head[:4]))
	if size < 16 || size > len(head) {
		size = len(head)
	}
	found := false
	for i := 8; i+4 <= size; i += 4 {
		if i == 12 {
			continue // the minor version, not a brand
		}
		brand := string(head[i : i+4])
		if brand == "avif" || brand == "avis" {
			return false
		}
		found = found || heifBrands[brand]
	}
	return found
}
