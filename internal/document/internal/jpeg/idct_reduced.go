package jpeg

// idctReduced computes an n×n picture (n = 4, 2 or 1) from the dequantised low-frequency coefficients
// of an 8×8 block, writing it into the first n columns of the first n rows of b.
//
// The 8-point inverse DCT, f(x) = ½ Σ C(u) F(u) cos((2x+1)uπ/16), evaluated at the centre of each group
// of 8/n samples, x = (8/n)x' + (8/n−1)/2, becomes cos((2x'+1)uπ/(2n)); keeping only the n lowest
// frequencies, which are all a picture n/8 the size can show, gives each output pixel the average of its
// group as an ideal low-pass filter would. This is the reduced transform of libjpeg's jidctred.c.
func idctReduced(b *block, n int) {
	switch n {
	case 1: // ½·(1/√2) twice: the block's mean
		b[0] = (b[0] + 4) >> 3
	case 2: // ½·cos(π/4) = ½·(1/√2) for both frequencies: sums and differences over 8
		f00, f01, f10, f11 := b[0], b[1], b[8], b[9]
		b[0] = (f00 + f01 + f10 + f11 + 4) >> 3
		b[1] = (f00 - f01 + f10 - f11 + 4) >> 3
		b[8] = (f00 + f01 - f10 - f11 + 4) >> 3
		b[9] = (f00 - f01 - f10 + f11 + 4) >> 3
	case 4:
		idct4(b)
	}
}

// Fixed-point constants with 13 fractional bits: ½cos(π/4), ½cos(π/8), ½cos(3π/8).
const (
	k4c4 = 2896 // 0.353553 · 8192
	k4c2 = 3784 // 0.461940 · 8192
	k4c6 = 1567 // 0.191342 · 8192
)

// idct4 is the 4-point reduced transform, rows then columns, each split into its even and odd halves:
// f(0) = e0+o0, f(1) = e1+o1, f(2) = e1−o1, f(3) = e0−o0, where e0, e1 = ½cos(π/4)·(F0 ± F2) and
// o0 = ½cos(π/8)·F1 + ½cos(3π/8)·F3, o1 = ½cos(3π/8)·F1 − ½cos(π/8)·F3.
func idct4(b *block) {
	for v := 0; v < 4; v++ { // rows; the results keep 3 fractional bits
		r := b[8*v : 8*v+4 : 8*v+4]
		e0 := k4c4 * (r[0] + r[2])
		e1 := k4c4 * (r[0] - r[2])
		o0 := k4c2*r[1] + k4c6*r[3]
		o1 := k4c6*r[1] - k4c2*r[3]
		const half = 1 << 9
		r[0], r[1], r[2], r[3] = (e0+o0+half)>>10, (e1+o1+half)>>10, (e1-o1+half)>>10, (e0-o0+half)>>10
	}
	for x := 0; x < 4; x++ { // columns; from 3 + 13 fractional bits to whole values
		f0, f1, f2, f3 := b[x], b[8+x], b[16+x], b[24+x]
		e0 := k4c4 * (f0 + f2)
		e1 := k4c4 * (f0 - f2)
		o0 := k4c2*f1 + k4c6*f3
		o1 := k4c6*f1 - k4c2*f3
		const half = 1 << 15
		b[x], b[8+x], b[16+x], b[24+x] = (e0+o0+half)>>16, (e1+o1+half)>>16, (e1-o1+half)>>16, (e0-o0+half)>>16
	}
}

// lowZigzag[n] lists the zigzag indices of the coefficients an n×n reduced transform reads: the others
// need not even be dequantised.
var lowZigzag = func() (out [5][]int) {
	for _, n := range []int{1, 2, 4} {
		for zig, natural := range unzig {
			if natural%8 < n && natural/8 < n {
				out[n] = append(out[n], zig)
			}
		}
	}
	return out
}()
