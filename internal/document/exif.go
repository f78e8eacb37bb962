package document

import "encoding/binary"

// jpegOrientation answers the EXIF orientation (1 to 8) of a JPEG, 1 when it has none. It reads only the
// markers before the image data and checks every length, so a hostile file can make it answer 1 but
// never read out of bounds.
func jpegOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 1
		}
		marker := data[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF {
			i++ // markers without a length, and fill bytes
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan or end of image: no more metadata
			return 1
		}
		length := int(binary.BigEndian.Uint16(data[i+2 : i+4]))
		if length < 2 || i+2+length > len(data) {
			return 1
		}
		segment := data[i+4 : i+2+length]
		if marker == 0xE1 && len(segment) > 6 && string(segment[:6]) == "Exif\x00\x00" {
			if o := tiffOrientation(segment[6:]); o != 0 {
				return o
			}
		}
		i += 2 + length
	}
	return 1
}

// tiffOrientation reads tag 0x0112 of IFD0 of a TIFF structure, 0 when absent or out of range.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 0
	}
	ifd := int(order.Uint32(t[4:8]))
	if ifd < 8 || ifd+2 > len(t) {
		return 0
	}
	count := int(order.Uint16(t[ifd : ifd+2]))
	for e := 0; e < count; e++ {
		at := ifd + 2 + e*12
		if at+12 > len(t) {
			return 0
		}
		if order.Uint16(t[at:at+2]) == 0x0112 && order.Uint16(t[at+2:at+4]) == 3 { // SHORT
			if o := int(order.Uint16(t[at+8 : at+10])); o >= 1 && o <= 8 {
				return o
			}
			return 0
		}
	}
	return 0
}
