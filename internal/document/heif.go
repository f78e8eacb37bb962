package document

import (
	"encoding/binary"
	"errors"
)

var errNoHEIFSize = errors.New("heif: no image size in the file")

// heifSize reads an HEIF file's image sizes from its header alone: the 'ispe' properties in
// meta/iprp/ipco. A file may hold several images (the picture, its tiles, a thumbnail); the largest
// counts, which is the safe choice for a pixel limit. This needs no decoder, and no decoder's idea of
// how much of the file a header takes.
func heifSize(data []byte) (w, h int, err error) {
	meta, ok := findBox(data, "meta")
	if !ok || len(meta) < 4 {
		return 0, 0, errNoHEIFSize
	}
	iprp, ok := findBox(meta[4:], "iprp") // meta is a full box: version and flags first
	if !ok {
		return 0, 0, errNoHEIFSize
	}
	ipco, ok := findBox(iprp, "ipco")
	if !ok {
		return 0, 0, errNoHEIFSize
	}
	for rest := ipco; ; {
		typ, body, next, ok := nextBox(rest)
		if !ok {
			break
		}
		if typ == "ispe" && len(body) >= 12 {
			bw, bh := int(binary.BigEndian.Uint32(body[4:8])), int(binary.BigEndian.Uint32(body[8:12]))
			if bw*bh > w*h {
				w, h = bw, bh
			}
		}
		rest = next
	}
	if w == 0 || h == 0 {
		return 0, 0, errNoHEIFSize
	}
	return w, h, nil
}

// findBox answers the body of the first box of the given type among the boxes in data.
func findBox(data []byte, want string) ([]byte, bool) {
	for {
		typ, body, next, ok := nextBox(data)
		if !ok {
			return nil, false
		}
		if typ == want {
			return body, true
		}
		data = next
	}
}

// nextBox splits off the first ISO base media box: its type, its body and what follows it.
func nextBox(data []byte) (typ string, body, rest []byte, ok bool) {
	if len(data) < 8 {
		return "", nil, nil, false
	}
	size := uint64(binary.BigEndian.Uint32(data[:4]))
	header := uint64(8)
	switch size {
	case 0: // to the end of the file
		size = uint64(len(data))
	case 1: // a 64-bit size follows the type
		if len(data) < 16 {
			return "", nil, nil, false
		}
		size, header = binary.BigEndian.Uint64(data[8:16]), 16
	}
	if size < header || size > uint64(len(data)) {
		return "", nil, nil, false
	}
	return string(data[4:8]), data[header:size], data[size:], true
}
