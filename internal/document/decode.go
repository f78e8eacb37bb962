package document

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"github.com/gen2brain/heic"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	scaledjpeg "intake/internal/document/internal/jpeg"
)

// Decoders have panicked on hostile input before; a panic in one becomes an error here, and the server
// goes on serving.

func decodeConfig(f Format, data []byte) (w, h int, err error) {
	defer recoverInto(&err)
	var cfg image.Config
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	case BMP:
		cfg, err = bmp.DecodeConfig(r)
	case TIFF:
		cfg, err = tiff.DecodeConfig(r)
	case WebP:
		cfg, err = webp.DecodeConfig(r)
	case HEIC:
		cfg.Width, cfg.Height, err = heifSize(data)
	default:
		err = fmt.Errorf("no decoder for %q", f)
	}
	return cfg.Width, cfg.Height, err
}

// decode decodes a picture. A JPEG is decoded at 1/scale of its size straight from its DCT coefficients
// (scale 1, 2, 4 or 8); other formats always at full size.
func decode(f Format, data []byte, scale int) (img image.Image, err error) {
	defer recoverInto(&err)
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		return scaledjpeg.DecodeScaled(r, scale)
	case PNG:
		return png.Decode(r)
	case GIF:
		return gif.Decode(r) // the first frame of an animation
	case BMP:
		return bmp.Decode(r)
	case TIFF:
		return tiff.Decode(r)
	case WebP:
		return webp.Decode(r)
	case HEIC:
		return heic.Decode(r) // libheif turns the picture upright from its irot and imir boxes
	}
	return nil, fmt.Errorf("no decoder for %q", f)
}

// jpegScale answers the largest decoding scale that still leaves the longest edge at least maxEdge, so
// that the resize after it only ever shrinks.
func jpegScale(w, h, maxEdge int) int {
	for _, s := range []int{8, 4, 2} {
		if max(w, h)/s >= maxEdge {
			return s
		}
	}
	return 1
}

func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("decoder panicked: %v", r)
	}
}
