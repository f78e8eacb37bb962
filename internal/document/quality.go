package document

// Quality is how usable a photo of a document looks: sharp enough to read, neither too dark nor blown
// out. It is measured on the normalised image, so one set of thresholds fits every camera.
type Quality struct {
	// Sharpness is the variance of the Laplacian of the luma: high for crisp edges and text, low for blur.
	Sharpness float64
	// Brightness is the mean luma, 0 to 255.
	Brightness float64
	// Clipped is the share of pixels at or near full white: glare on a laminated card.
	Clipped float64

	Blurry      bool
	Dark        bool
	Overexposed bool
}

// Thresholds, measured on the test corpus: a card photographed in focus under shop light scores a
// sharpness in the hundreds; the same photo out of focus, under 50.
const (
	blurryBelow     = 60
	darkBelow       = 55
	brightAbove     = 225
	clippedAbove    = 0.25
	clippedLevel    = 250
	qualitySampleAt = 1000 // measure at this longest edge, whatever size the photo arrives in
)

// NeedsRetake reports whether the customer should be asked to take the photo again.
func (q Quality) NeedsRetake() bool { return q.Blurry || q.Dark || q.Overexposed }

// Problems answers, in words for the customer, what is wrong with the photo.
func (q Quality) Problems() []string {
	var out []string
	if q.Blurry {
		out = append(out, "it looks blurred")
	}
	if q.Dark {
		out = append(out, "it looks too dark")
	}
	if q.Overexposed {
		out = append(out, "it has glare or is too bright")
	}
	return out
}

// measure rates the luma plane of a photo.
func measure(y plane) Quality {
	if k := max(y.w, y.h) / qualitySampleAt; k >= 2 {
		y = shrink(y, k)
	}
	var q Quality
	if y.w < 3 || y.h < 3 {
		return q
	}
	var sum, clipped float64
	for r := 0; r < y.h; r++ {
		for _, v := range y.row(r) {
			sum += float64(v)
			if v >= clippedLevel {
				clipped++
			}
		}
	}
	n := float64(y.w * y.h)
	q.Brightness = sum / n
	q.Clipped = clipped / n

	var lsum, lsq float64
	for r := 1; r < y.h-1; r++ {
		up, row, down := y.row(r-1), y.row(r), y.row(r+1)
		for x := 1; x < y.w-1; x++ {
			l := float64(int(up[x]) + int(down[x]) + int(row[x-1]) + int(row[x+1]) - 4*int(row[x]))
			lsum += l
			lsq += l * l
		}
	}
	m := float64((y.w - 2) * (y.h - 2))
	mean := lsum / m
	q.Sharpness = lsq/m - mean*mean

	q.Blurry = q.Sharpness < blurryBelow
	q.Dark = q.Brightness < darkBelow
	q.Overexposed = q.Brightness > brightAbove || q.Clipped > clippedAbove
	return q
}
