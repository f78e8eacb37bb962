package document

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
)

// iccProfile writes a matrix-and-curves RGB profile: the D50 primaries and one sRGB-shaped curve for all
// three channels, as Apple's Display P3 profile is made.
func iccProfile(m [3][3]float64) []byte {
	fixed := func(v float64) []byte { return binary.BigEndian.AppendUint32(nil, uint32(int32(math.Round(v*65536)))) }
	xyz := func(col int) []byte {
		t := []byte("XYZ \x00\x00\x00\x00")
		for row := range 3 {
			t = append(t, fixed(m[row][col])...)
		}
		return t
	}
	para := []byte("para\x00\x00\x00\x00\x00\x03\x00\x00")
	for _, p := range sRGBCurve {
		para = append(para, fixed(p)...)
	}
	tags := []struct {
		sig  string
		data []byte
	}{{"rXYZ", xyz(0)}, {"gXYZ", xyz(1)}, {"bXYZ", xyz(2)}, {"rTRC", para}, {"gTRC", para}, {"bTRC", para}}
	header := make([]byte, 128)
	copy(header[16:], "RGB XYZ ")
	copy(header[36:], "acsp")
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	offset := 128 + 4 + 12*len(tags)
	var body []byte
	for _, tg := range tags {
		table = append(table, tg.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(offset+len(body)))
		table = binary.BigEndian.AppendUint32(table, uint32(len(tg.data)))
		body = append(body, tg.data...)
	}
	p := append(append(header, table...), body...)
	binary.BigEndian.PutUint32(p, uint32(len(p)))
	return p
}

// withICC puts a profile in a JPEG's APP2 segments, split in two parts as large profiles are.
func withICC(jpg, profile []byte) []byte {
	half := len(profile) / 2
	out := append([]byte{}, jpg[:2]...)
	for i, part := range [][]byte{profile[:half], profile[half:]} {
		seg := append([]byte("ICC_PROFILE\x00"), byte(i+1), 2)
		seg = append(seg, part...)
		out = append(out, 0xFF, 0xE2)
		out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
		out = append(out, seg...)
	}
	return append(out, jpg[2:]...)
}

func flat(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 255
	}
	return img
}

// p3InSRGB converts a Display P3 colour to sRGB with the standard D65 matrices, independently of the
// D50 profile route the code takes.
func p3InSRGB(c color.RGBA) [3]float64 {
	lin := func(v uint8) float64 { return parametric(3, sRGBCurve[:], float64(v)/255) }
	r, g, b := lin(c.R), lin(c.G), lin(c.B)
	x := 0.4865709*r + 0.2656677*g + 0.1982173*b
	y := 0.2289746*r + 0.6917385*g + 0.0792869*b
	z := 0.0000000*r + 0.0451134*g + 1.0439444*b
	enc := func(v float64) float64 {
		v = math.Max(0, math.Min(1, v))
		if v <= 0.0031308 {
			return 255 * 12.92 * v
		}
		return 255 * (1.055*math.Pow(v, 1/2.4) - 0.055)
	}
	return [3]float64{
		enc(3.2404542*x - 1.5371385*y - 0.4985314*z),
		enc(-0.9692660*x + 1.8760108*y + 0.0415560*z),
		enc(0.0556434*x - 0.2040259*y + 1.0572252*z),
	}
}

func centre(t *testing.T, res *Result) [3]float64 {
	t.Helper()
	img := decodeJPEG(t, res.Data)
	b := img.Bounds()
	r, g, bl, _ := img.At(b.Dx()/2, b.Dy()/2).RGBA()
	return [3]float64{float64(r >> 8), float64(g >> 8), float64(bl >> 8)}
}

func near3(a, b [3]float64, tol float64) bool {
	return math.Abs(a[0]-b[0]) <= tol && math.Abs(a[1]-b[1]) <= tol && math.Abs(a[2]-b[2]) <= tol
}

func TestDisplayP3JPEGBecomesSRGB(t *testing.T) {
	n := New(Options{})
	for _, c := range []color.RGBA{{204, 77, 51, 255}, {40, 160, 90, 255}, {128, 128, 128, 255}, {30, 60, 200, 255}} {
		plain := encodeJPEG(t, flat(64, 48, c), 100)
		res, err := normalize(t, n, withICC(plain, iccProfile(displayP3D50)))
		if err != nil {
			t.Fatal(err)
		}
		want, got := p3InSRGB(c), centre(t, res)
		if !near3(got, want, 3) {
			t.Errorf("P3 %v: got sRGB %v, want %v", c, got, want)
		}
		if bytes.Contains(res.Data, []byte("ICC_PROFILE")) {
			t.Fatal("the profile itself must not travel on")
		}
	}
}

func TestSRGBProfileAndNoProfileAreLeftAsTheyAre(t *testing.T) {
	n := New(Options{})
	plain := encodeJPEG(t, flat(64, 48, color.RGBA{204, 77, 51, 255}), 100)
	without, err := normalize(t, n, plain)
	if err != nil {
		t.Fatal(err)
	}
	with, err := normalize(t, n, withICC(plain, iccProfile(sRGBD50)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(without.Data, with.Data) {
		t.Fatal("an sRGB profile must change nothing")
	}
	if got := centre(t, without); !near3(got, [3]float64{204, 77, 51}, 3) {
		t.Fatalf("an untagged photo is taken as sRGB: %v", got)
	}
}

func TestPNGProfileIsHonoured(t *testing.T) {
	var buf bytes.Buffer
	c := color.RGBA{204, 77, 51, 255}
	if err := png.Encode(&buf, flat(32, 32, c)); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	// An iCCP chunk goes right after IHDR (8 + 25 bytes in).
	chunk := append([]byte("P3\x00\x00"), deflate(iccProfile(displayP3D50))...)
	var c1 bytes.Buffer
	binary.Write(&c1, binary.BigEndian, uint32(len(chunk)))
	c1.WriteString("iCCP")
	c1.Write(chunk)
	binary.Write(&c1, binary.BigEndian, crc(append([]byte("iCCP"), chunk...)))
	withProfile := append(append(append([]byte{}, data[:33]...), c1.Bytes()...), data[33:]...)
	res, err := normalize(t, New(Options{}), withProfile)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := centre(t, res), p3InSRGB(c); !near3(got, want, 3) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// box writes an ISO base media box.
func box(typ string, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	return append(append(binary.BigEndian.AppendUint32(nil, uint32(8+len(b))), typ...), b...)
}

// heifWithColour is the header of a HEIF file whose image says, in an nclx colour box, that its
// primaries are the given H.273 code (iPhones write 12, Display P3). heif-enc 1.15 does not write it.
func heifWithColour(primaries uint16) []byte {
	nclx := append([]byte("nclx"), binary.BigEndian.AppendUint16(nil, primaries)...)
	nclx = append(nclx, 0, 13, 0, 6, 0x80) // sRGB transfer, BT.601 matrix, full range
	ipco := box("ipco", box("colr", nclx), box("ispe", make([]byte, 4), binary.BigEndian.AppendUint32(nil, 64), binary.BigEndian.AppendUint32(nil, 64)))
	return append(box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")), box("meta", make([]byte, 4), box("iprp", ipco))...)
}

func TestHEIFMarkedDisplayP3IsConverted(t *testing.T) {
	if heifColour(heifWithColour(1)) != nil {
		t.Fatal("primaries 1 (BT.709, as sRGB) need no conversion")
	}
	conv := heifColour(heifWithColour(12))
	if conv == nil {
		t.Fatal("primaries 12 (Display P3) must be converted")
	}
	c := color.RGBA{204, 77, 51, 255}
	planes := conv.apply(planesOf(flat(8, 8, c)).fit(8, 8))
	y, cb, cr := planes.y.pix[4*8+4], planes.cb.pix[2*4+2], planes.cr.pix[2*4+2]
	r, g, b := color8YCbCrToRGB(y, cb, cr)
	if got, want := [3]float64{float64(r), float64(g), float64(b)}, p3InSRGB(c); !near3(got, want, 3) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if w, h, err := heifSize(heifWithColour(12)); err != nil || w != 64 || h != 64 {
		t.Fatalf("the size beside the colour box: %d×%d, %v", w, h, err)
	}
}

// Damaged profiles are ignored: the photo still goes through, its colours taken as they are.
func TestDamagedProfilesAreIgnored(t *testing.T) {
	good := iccProfile(displayP3D50)
	plain := encodeJPEG(t, flat(16, 16, color.RGBA{204, 77, 51, 255}), 95)
	for name, p := range map[string][]byte{
		"truncated":    good[:140],
		"tag past end": append(append([]byte{}, good[:len(good)-20]...), make([]byte, 4)...),
		"not RGB":      append(append(append([]byte{}, good[:16]...), "CMYK"...), good[20:]...),
		"no curves":    append(append([]byte{}, good[:128]...), 0, 0, 0, 0),
		"singular":     iccProfile([3][3]float64{}),
	} {
		res, err := normalize(t, New(Options{}), withICC(plain, p))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkJPEGOut(t, res, 2000)
	}
}

func crc(b []byte) uint32 { return crc32.ChecksumIEEE(b) }
