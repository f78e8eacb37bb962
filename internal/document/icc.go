package document

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"math"
	"sort"
)

// Colours out are sRGB. A photo that says its colours are in another RGB space (an iPhone's Display P3,
// a camera's Adobe RGB) in an ICC profile of the matrix-and-curves kind that phones and cameras embed,
// or in the colour code of a HEIF file, is converted; a photo that says nothing is taken as sRGB, as
// browsers take it. Other profiles (lookup tables, CMYK) are left as they are.

// rgbToSRGB converts colours from one RGB space to sRGB.
type rgbToSRGB struct {
	linear [3][256]float32 // the source's curves: 8-bit value to linear light
	m      [3][3]float32   // linear source RGB to linear sRGB
}

// sRGBD50 is the sRGB matrix, adapted to D50 as ICC profiles state primaries: columns red, green, blue.
var sRGBD50 = [3][3]float64{
	{0.4360747, 0.3850649, 0.1430804},
	{0.2225045, 0.7168786, 0.0606169},
	{0.0139322, 0.0971045, 0.7141733},
}

// displayP3D50 is Display P3 in the same form, for HEIF files that name it by code rather than profile.
var displayP3D50 = [3][3]float64{
	{0.5151, 0.2920, 0.1571},
	{0.2412, 0.6922, 0.0666},
	{-0.0011, 0.0419, 0.7841},
}

// sRGBCurve is sRGB's transfer function as an ICC parametric curve of type 3: g, a, b, c, d.
var sRGBCurve = [5]float64{2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045}

// newRGBToSRGB answers the conversion from an RGB space with the given D50 matrix and curves, or nil when
// that space is sRGB already.
func newRGBToSRGB(m [3][3]float64, curves [3]func(float64) float64) *rgbToSRGB {
	same := true
	for i := range 3 {
		for j := range 3 {
			same = same && math.Abs(m[i][j]-sRGBD50[i][j]) < 0.003
		}
		for _, x := range []float64{0.04, 0.2, 0.5, 0.8} {
			same = same && math.Abs(curves[i](x)-parametric(3, sRGBCurve[:], x)) < 0.002
		}
	}
	if same {
		return nil
	}
	inv, ok := invert(sRGBD50)
	if !ok {
		return nil
	}
	t := &rgbToSRGB{}
	for i := range 3 {
		for j := range 3 {
			var s float64
			for k := range 3 {
				s += inv[i][k] * m[k][j]
			}
			t.m[i][j] = float32(s)
		}
		for v := range 256 {
			t.linear[i][v] = float32(curves[i](float64(v) / 255))
		}
	}
	return t
}

// encodeSRGB turns linear light into an 8-bit sRGB value; 4096 steps are finer than 8 bits can tell.
var encodeSRGB = func() (lut [4097]uint8) {
	for i := range lut {
		x := float64(i) / 4096
		var v float64
		if x <= 0.0031308 {
			v = 12.92 * x
		} else {
			v = 1.055*math.Pow(x, 1/2.4) - 0.055
		}
		lut[i] = uint8(math.Round(255 * v))
	}
	return lut
}()

func toSRGB8(x float32) uint8 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 255
	}
	return encodeSRGB[int(x*4096+0.5)]
}

// apply converts a 4:2:0 picture: each pixel through RGB, and each chroma sample as the mean of the
// chroma of the pixels it covers.
func (t *rgbToSRGB) apply(m ycbcr) ycbcr {
	out := ycbcr{y: newPlane(m.y.w, m.y.h), cb: newPlane(m.cb.w, m.cb.h), cr: newPlane(m.cr.w, m.cr.h)}
	parallelRows(m.cb.h, func(c0, c1 int) {
		for cy := c0; cy < c1; cy++ {
			for cx := 0; cx < m.cb.w; cx++ {
				cb, cr := m.cb.pix[cy*m.cb.stride+cx], m.cr.pix[cy*m.cr.stride+cx]
				var sumCb, sumCr, n int
				for y := 2 * cy; y < min(2*cy+2, m.y.h); y++ {
					for x := 2 * cx; x < min(2*cx+2, m.y.w); x++ {
						r, g, b := color8YCbCrToRGB(m.y.pix[y*m.y.stride+x], cb, cr)
						lr, lg, lb := t.linear[0][r], t.linear[1][g], t.linear[2][b]
						nr := toSRGB8(t.m[0][0]*lr + t.m[0][1]*lg + t.m[0][2]*lb)
						ng := toSRGB8(t.m[1][0]*lr + t.m[1][1]*lg + t.m[1][2]*lb)
						nb := toSRGB8(t.m[2][0]*lr + t.m[2][1]*lg + t.m[2][2]*lb)
						yy, ncb, ncr := rgbToYCbCr8(nr, ng, nb)
						out.y.pix[y*out.y.stride+x] = yy
						sumCb, sumCr, n = sumCb+int(ncb), sumCr+int(ncr), n+1
					}
				}
				out.cb.pix[cy*out.cb.stride+cx] = uint8((sumCb + n/2) / n)
				out.cr.pix[cy*out.cr.stride+cx] = uint8((sumCr + n/2) / n)
			}
		}
	})
	return out
}

// profileConversion answers the conversion a photo's own colour description asks for, or nil.
func profileConversion(f Format, data []byte) *rgbToSRGB {
	switch f {
	case JPEG:
		return fromICC(jpegICC(data))
	case PNG:
		return fromICC(pngICC(data))
	case WebP:
		return fromICC(webpICC(data))
	case HEIC:
		return heifColour(data)
	}
	return nil
}

// fromICC reads a matrix-and-curves RGB profile. Anything else, or anything damaged, answers nil: the
// colours are then taken as they are.
func fromICC(p []byte) *rgbToSRGB {
	if len(p) < 132 || string(p[16:20]) != "RGB " || string(p[20:24]) != "XYZ " {
		return nil
	}
	tags := map[string][]byte{}
	count := int(binary.BigEndian.Uint32(p[128:132]))
	for i := 0; i < count && 132+12*i+12 <= len(p); i++ {
		e := p[132+12*i:]
		off, size := int(binary.BigEndian.Uint32(e[4:8])), int(binary.BigEndian.Uint32(e[8:12]))
		if off >= 0 && size >= 0 && off+size <= len(p) && off+size >= off {
			tags[string(e[:4])] = p[off : off+size]
		}
	}
	var m [3][3]float64
	var curves [3]func(float64) float64
	for i, ch := range []string{"r", "g", "b"} {
		xyz := tags[ch+"XYZ"]
		if len(xyz) < 20 || string(xyz[:4]) != "XYZ " {
			return nil
		}
		for k := range 3 {
			m[k][i] = s15Fixed16(xyz[8+4*k:])
		}
		curve, ok := readCurve(tags[ch+"TRC"])
		if !ok {
			return nil
		}
		curves[i] = curve
	}
	return newRGBToSRGB(m, curves)
}

func s15Fixed16(b []byte) float64 { return float64(int32(binary.BigEndian.Uint32(b))) / 65536 }

// readCurve reads an ICC tone curve: 'curv' (identity, a gamma, or a table) or 'para' (types 0 to 4).
func readCurve(c []byte) (func(float64) float64, bool) {
	if len(c) < 12 {
		return nil, false
	}
	switch string(c[:4]) {
	case "curv":
		n := int(binary.BigEndian.Uint32(c[8:12]))
		switch {
		case n == 0:
			return func(x float64) float64 { return x }, true
		case n == 1 && len(c) >= 14:
			g := float64(binary.BigEndian.Uint16(c[12:14])) / 256
			return func(x float64) float64 { return math.Pow(x, g) }, true
		case n >= 2 && len(c) >= 12+2*n:
			table := make([]float64, n)
			for i := range table {
				table[i] = float64(binary.BigEndian.Uint16(c[12+2*i:])) / 65535
			}
			return func(x float64) float64 {
				pos := x * float64(n-1)
				i := min(int(pos), n-2)
				return table[i] + (table[i+1]-table[i])*(pos-float64(i))
			}, true
		}
	case "para":
		fn := int(binary.BigEndian.Uint16(c[8:10]))
		need := []int{1, 3, 4, 5, 7}
		if fn > 4 || len(c) < 12+4*need[fn] {
			return nil, false
		}
		params := make([]float64, need[fn])
		for i := range params {
			params[i] = s15Fixed16(c[12+4*i:])
		}
		return func(x float64) float64 { return parametric(fn, params, x) }, true
	}
	return nil, false
}

// parametric evaluates an ICC parametric curve of type fn (0 to 4) with parameters g, a, b, c, d, e, f.
func parametric(fn int, p []float64, x float64) float64 {
	pow := func(base float64) float64 {
		if base <= 0 {
			return 0
		}
		return math.Pow(base, p[0])
	}
	switch fn {
	case 0:
		return pow(x)
	case 1:
		if x >= -p[2]/p[1] {
			return pow(p[1]*x + p[2])
		}
		return 0
	case 2:
		if x >= -p[2]/p[1] {
			return pow(p[1]*x+p[2]) + p[3]
		}
		return p[3]
	case 3:
		if x >= p[4] {
			return pow(p[1]*x + p[2])
		}
		return p[3] * x
	default:
		if x >= p[4] {
			return pow(p[1]*x+p[2]) + p[5]
		}
		return p[3]*x + p[6]
	}
}

func invert(m [3][3]float64) ([3][3]float64, bool) {
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) - m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) + m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	if math.Abs(det) < 1e-9 {
		return m, false
	}
	var r [3][3]float64
	for i := range 3 {
		for j := range 3 {
			a, b := m[(j+1)%3], m[(j+2)%3]
			r[i][j] = (a[(i+1)%3]*b[(i+2)%3] - a[(i+2)%3]*b[(i+1)%3]) / det
		}
	}
	return r, true
}

// jpegICC reassembles an ICC profile from a JPEG's APP2 segments, which carry it in numbered parts.
func jpegICC(data []byte) []byte {
	type part struct {
		seq  byte
		data []byte
	}
	var parts []part
	for i := 2; i+4 <= len(data) && data[i] == 0xFF; {
		marker := data[i+1]
		if marker == 0xDA || marker == 0xD9 {
			break
		}
		length := int(binary.BigEndian.Uint16(data[i+2 : i+4]))
		if length < 2 || i+2+length > len(data) {
			break
		}
		seg := data[i+4 : i+2+length]
		if marker == 0xE2 && len(seg) > 14 && string(seg[:12]) == "ICC_PROFILE\x00" {
			parts = append(parts, part{seq: seg[12], data: seg[14:]})
		}
		i += 2 + length
	}
	sort.Slice(parts, func(a, b int) bool { return parts[a].seq < parts[b].seq })
	var out []byte
	for _, p := range parts {
		out = append(out, p.data...)
	}
	return out
}

// pngICC inflates a PNG's iCCP chunk: a name, a zero, the compression method, then zlib data.
func pngICC(data []byte) []byte {
	for i := 8; i+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		if n < 0 || i+12+n > len(data) {
			return nil
		}
		typ, body := string(data[i+4:i+8]), data[i+8:i+8+n]
		if typ == "IDAT" {
			return nil // iCCP comes before the image data
		}
		if typ == "iCCP" {
			if z := bytes.IndexByte(body, 0); z >= 0 && z+2 <= len(body) {
				zr, err := zlib.NewReader(bytes.NewReader(body[z+2:]))
				if err != nil {
					return nil
				}
				p, _ := io.ReadAll(io.LimitReader(zr, 1<<20))
				return p
			}
			return nil
		}
		i += 12 + n
	}
	return nil
}

// webpICC answers the ICCP chunk of an extended WebP file.
func webpICC(data []byte) []byte {
	for i := 12; i+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		if n < 0 || i+8+n > len(data) {
			return nil
		}
		if string(data[i:i+4]) == "ICCP" {
			return data[i+8 : i+8+n]
		}
		i += 8 + n + n%2
	}
	return nil
}

// heifColour reads the colour description of a HEIF file's images (meta/iprp/ipco/colr): an ICC profile,
// or the colour code that iPhones write, whose primaries 12 are Display P3.
func heifColour(data []byte) *rgbToSRGB {
	meta, ok := findBox(data, "meta")
	if !ok || len(meta) < 4 {
		return nil
	}
	iprp, ok := findBox(meta[4:], "iprp")
	if !ok {
		return nil
	}
	ipco, ok := findBox(iprp, "ipco")
	if !ok {
		return nil
	}
	colr, ok := findBox(ipco, "colr")
	if !ok || len(colr) < 4 {
		return nil
	}
	switch string(colr[:4]) {
	case "prof", "rICC":
		return fromICC(colr[4:])
	case "nclx":
		if len(colr) >= 10 && binary.BigEndian.Uint16(colr[4:6]) == 12 { // SMPTE EG 432-1: Display P3
			srgb := func(x float64) float64 { return parametric(3, sRGBCurve[:], x) }
			return newRGBToSRGB(displayP3D50, [3]func(float64) float64{srgb, srgb, srgb})
		}
	}
	return nil
}

// color8YCbCrToRGB and rgbToYCbCr8 are JFIF's conversions, as the JPEG codecs use them.
func color8YCbCrToRGB(y, cb, cr uint8) (uint8, uint8, uint8) {
	yy := float32(y)
	b, r := float32(cb)-128, float32(cr)-128
	return clamp8(yy + 1.402*r), clamp8(yy - 0.344136*b - 0.714136*r), clamp8(yy + 1.772*b)
}

func rgbToYCbCr8(r, g, b uint8) (uint8, uint8, uint8) {
	fr, fg, fb := float32(r), float32(g), float32(b)
	return clamp8(0.299*fr + 0.587*fg + 0.114*fb),
		clamp8(-0.168736*fr - 0.331264*fg + 0.5*fb + 128),
		clamp8(0.5*fr - 0.418688*fg - 0.081312*fb + 128)
}
