package document

import (
	"image"
	"image/color"
	"math"
	"runtime"
	"sync"
)

// plane is one 8-bit channel of an image. Images travel through the pipeline as Y, Cb and Cr planes:
// JPEG decodes to them, the JPEG encoder takes them without a per-pixel conversion, and resizing each
// plane on its own lets chroma stay at half size.
type plane struct {
	pix    []uint8
	w, h   int
	stride int
}

func newPlane(w, h int) plane { return plane{pix: make([]uint8, w*h), w: w, h: h, stride: w} }

func (p plane) row(y int) []uint8 { return p.pix[y*p.stride : y*p.stride+p.w] }

// ycbcr is an image as three planes: Y at full size, Cb and Cr at full or reduced size.
type ycbcr struct{ y, cb, cr plane }

// planesOf answers the planes of any decoded image. A YCbCr image lends its planes as they are; anything
// else is converted, with transparency laid over white, as a document on a counter would be.
func planesOf(img image.Image) ycbcr {
	b := img.Bounds()
	if m, ok := img.(*image.YCbCr); ok {
		cw, ch := chromaSize(m)
		return ycbcr{
			y:  plane{pix: m.Y[m.YOffset(b.Min.X, b.Min.Y):], w: b.Dx(), h: b.Dy(), stride: m.YStride},
			cb: plane{pix: m.Cb[m.COffset(b.Min.X, b.Min.Y):], w: cw, h: ch, stride: m.CStride},
			cr: plane{pix: m.Cr[m.COffset(b.Min.X, b.Min.Y):], w: cw, h: ch, stride: m.CStride},
		}
	}
	w, h := b.Dx(), b.Dy()
	if m, ok := img.(*image.Gray); ok {
		// Grey has no colour: the chroma planes are a single neutral pixel, which resizing spreads.
		grey := plane{pix: m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], w: w, h: h, stride: m.Stride}
		neutral := plane{pix: []uint8{128}, w: 1, h: 1, stride: 1}
		return ycbcr{y: grey, cb: neutral, cr: neutral}
	}
	out := ycbcr{y: newPlane(w, h), cb: newPlane(w, h), cr: newPlane(w, h)}
	// The decoders' common outputs are read straight from their pixels; anything else through At.
	var rgb func(x, y int) (uint8, uint8, uint8)
	switch m := img.(type) {
	case *image.NRGBA:
		rgb = func(x, y int) (uint8, uint8, uint8) {
			p := m.Pix[m.PixOffset(b.Min.X+x, b.Min.Y+y):]
			if a := uint32(p[3]); a != 255 {
				over := func(c uint8) uint8 { return uint8((uint32(c)*a + 255*(255-a) + 127) / 255) }
				return over(p[0]), over(p[1]), over(p[2])
			}
			return p[0], p[1], p[2]
		}
	case *image.RGBA: // premultiplied: add the white that shows through
		rgb = func(x, y int) (uint8, uint8, uint8) {
			p := m.Pix[m.PixOffset(b.Min.X+x, b.Min.Y+y):]
			white := 255 - p[3]
			return p[0] + white, p[1] + white, p[2] + white
		}
	case *image.CMYK:
		rgb = func(x, y int) (uint8, uint8, uint8) {
			p := m.Pix[m.PixOffset(b.Min.X+x, b.Min.Y+y):]
			return color.CMYKToRGB(p[0], p[1], p[2], p[3])
		}
	default:
		rgb = func(x, y int) (uint8, uint8, uint8) { return overWhite(img.At(b.Min.X+x, b.Min.Y+y)) }
	}
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			i := y * w
			for x := 0; x < w; x++ {
				r, g, bl := rgb(x, y)
				out.y.pix[i+x], out.cb.pix[i+x], out.cr.pix[i+x] = color.RGBToYCbCr(r, g, bl)
			}
		}
	})
	return out
}

func chromaSize(m *image.YCbCr) (int, int) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	default:
		return w, h
	}
}

// overWhite answers a colour as 8-bit RGB with any transparency composited over white.
func overWhite(c color.Color) (uint8, uint8, uint8) {
	r, g, b, a := c.RGBA()
	if a == 0xFFFF {
		return uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)
	}
	white := 0xFFFF - a // premultiplied: add the white showing through
	return uint8((r + white) >> 8), uint8((g + white) >> 8), uint8((b + white) >> 8)
}

// fit answers the image scaled to w×h, with chroma at half size in each direction (4:2:0).
func (m ycbcr) fit(w, h int) ycbcr {
	cw, ch := (w+1)/2, (h+1)/2
	return ycbcr{y: resize(m.y, w, h), cb: resize(m.cb, cw, ch), cr: resize(m.cr, cw, ch)}
}

// image answers the planes as a 4:2:0 image for the JPEG encoder.
func (m ycbcr) image() *image.YCbCr {
	return &image.YCbCr{
		Y: m.y.pix, Cb: m.cb.pix, Cr: m.cr.pix,
		YStride: m.y.stride, CStride: m.cb.stride,
		SubsampleRatio: image.YCbCrSubsampleRatio420,
		Rect:           image.Rect(0, 0, m.y.w, m.y.h),
	}
}

// resize answers p scaled to w×h. A large reduction first averages whole blocks of pixels (cheap, and
// exact for an integer factor), then Lanczos-3 takes the remaining factor, below two; this is how
// libvips is fast without losing sharpness.
func resize(p plane, w, h int) plane {
	if p.w == w && p.h == h {
		return p
	}
	if k := min(p.w/w, p.h/h); k >= 2 {
		p = shrink(p, k)
	}
	if p.w == w && p.h == h {
		return p
	}
	return resample(p, w, h)
}

// shrink averages k×k blocks; the right and bottom edges average what is there.
func shrink(p plane, k int) plane {
	w, h := (p.w+k-1)/k, (p.h+k-1)/k
	out := newPlane(w, h)
	parallelRows(h, func(y0, y1 int) {
		sums := make([]uint32, w)
		for oy := y0; oy < y1; oy++ {
			clear(sums)
			rows := min(k, p.h-oy*k)
			for sy := oy * k; sy < oy*k+rows; sy++ {
				row := p.row(sy)
				if k == 2 { // the common case, a 12-megapixel photo to 2000 px: no inner loop
					full := p.w / 2
					for x := 0; x < full; x++ {
						sums[x] += uint32(row[2*x]) + uint32(row[2*x+1])
					}
					if p.w%2 == 1 {
						sums[full] += 2 * uint32(row[p.w-1])
					}
					continue
				}
				for x := range sums {
					end := min(x*k+k, p.w)
					var s uint32
					for _, v := range row[x*k : end] {
						s += uint32(v)
					}
					sums[x] += s * uint32(k) / uint32(end-x*k) // a short last block counts as a full one
				}
			}
			dst := out.row(oy)
			n := uint32(k * rows)
			for x := range dst {
				dst[x] = uint8((sums[x] + n/2) / n)
			}
		}
	})
	return out
}

// taps are the Lanczos weights of one output pixel: Weights apply to source pixels from First on.
type taps struct {
	first   int
	weights []float32
}

func lanczos3(x float64) float64 {
	x = math.Abs(x)
	if x >= 3 {
		return 0
	}
	if x < 1e-9 {
		return 1
	}
	px := math.Pi * x
	return 3 * math.Sin(px) * math.Sin(px/3) / (px * px)
}

func kernel(src, dst int) []taps {
	scale := float64(src) / float64(dst)
	stretch := max(scale, 1) // when shrinking, widen the kernel so every source pixel counts
	support := 3 * stretch
	out := make([]taps, dst)
	for i := range out {
		center := (float64(i)+0.5)*scale - 0.5
		lo := max(int(math.Ceil(center-support)), 0)
		hi := min(int(math.Floor(center+support)), src-1)
		ws := make([]float32, 0, hi-lo+1)
		var sum float64
		for j := lo; j <= hi; j++ {
			sum += lanczos3((float64(j) - center) / stretch)
		}
		for j := lo; j <= hi; j++ {
			ws = append(ws, float32(lanczos3((float64(j)-center)/stretch)/sum))
		}
		out[i] = taps{first: lo, weights: ws}
	}
	return out
}

// resample scales with separable Lanczos-3: rows first, then columns.
func resample(p plane, w, h int) plane {
	kx, ky := kernel(p.w, w), kernel(p.h, h)
	mid := newPlane(w, p.h)
	parallelRows(p.h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			src, dst := p.row(y), mid.row(y)
			for x, t := range kx {
				var acc float32
				s := src[t.first : t.first+len(t.weights)]
				for i, wt := range t.weights {
					acc += wt * float32(s[i])
				}
				dst[x] = clamp8(acc)
			}
		}
	})
	out := newPlane(w, h)
	parallelRows(h, func(y0, y1 int) {
		acc := make([]float32, w)
		for y := y0; y < y1; y++ {
			t := ky[y]
			clear(acc)
			for i, wt := range t.weights {
				src := mid.row(t.first + i)
				for x, v := range src {
					acc[x] += wt * float32(v)
				}
			}
			dst := out.row(y)
			for x, v := range acc {
				dst[x] = clamp8(v)
			}
		}
	})
	return out
}

func clamp8(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	default:
		return uint8(v + 0.5)
	}
}

// orient answers the planes turned upright from the given EXIF orientation (1 to 8).
func (m ycbcr) orient(o int) ycbcr {
	if o <= 1 || o > 8 {
		return m
	}
	return ycbcr{y: orientPlane(m.y, o), cb: orientPlane(m.cb, o), cr: orientPlane(m.cr, o)}
}

func orientPlane(p plane, o int) plane {
	w, h := p.w, p.h
	if o >= 5 {
		w, h = h, w
	}
	out := newPlane(w, h)
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			dst := out.row(y)
			for x := range dst {
				var sx, sy int
				switch o {
				case 2:
					sx, sy = p.w-1-x, y
				case 3:
					sx, sy = p.w-1-x, p.h-1-y
				case 4:
					sx, sy = x, p.h-1-y
				case 5:
					sx, sy = y, x
				case 6:
					sx, sy = y, p.h-1-x
				case 7:
					sx, sy = p.w-1-y, p.h-1-x
				case 8:
					sx, sy = p.w-1-y, x
				}
				dst[x] = p.pix[sy*p.stride+sx]
			}
		}
	})
	return out
}

// parallelRows splits rows 0..h among the processors.
func parallelRows(h int, work func(y0, y1 int)) {
	n := min(runtime.GOMAXPROCS(0), max(h/64, 1))
	if n <= 1 {
		work(0, h)
		return
	}
	var wg sync.WaitGroup
	step := (h + n - 1) / n
	for y0 := 0; y0 < h; y0 += step {
		wg.Add(1)
		go func(y0 int) {
			defer wg.Done()
			work(y0, min(y0+step, h))
		}(y0)
	}
	wg.Wait()
}
