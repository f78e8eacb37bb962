// Package document turns whatever a customer's phone, a tablet camera or a scanner produces into a file
// IndicaOnline accepts: photos become upright sRGB JPEGs no larger than a set size and free of every bit
// of metadata; PDFs are checked and passed through unchanged. The type is decided from the bytes, never
// from a name or a declared content type. It imports nothing else of Intake's.
package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/jpeg"
	"io"
	"time"
)

// Options bound the work; zero values take the defaults.
type Options struct {
	MaxBytes    int64 // largest file read; default 20 MB
	MaxPixels   int   // largest image decoded, read from its header first; default 50 megapixels
	MaxEdge     int   // longest edge of an image out; default 2000 px
	JPEGQuality int   // default 85
	MaxPDFPages int   // default 20
	// MaxDecodes bounds how many images are decoded at once, so memory stays bounded whatever the
	// traffic; default 2. HEIC, the costliest, decodes one at a time within it.
	MaxDecodes int
	// ThumbnailEdge asks for a small JPEG of each photo as well, this many pixels on its longest edge; 0
	// for none.
	ThumbnailEdge int
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 20 << 20
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = 50_000_000
	}
	if o.MaxEdge <= 0 {
		o.MaxEdge = 2000
	}
	if o.JPEGQuality <= 0 || o.JPEGQuality > 100 {
		o.JPEGQuality = 85
	}
	if o.MaxPDFPages <= 0 {
		o.MaxPDFPages = 20
	}
	if o.MaxDecodes <= 0 {
		o.MaxDecodes = 2
	}
	return o
}

// Normalizer normalises documents. It is safe for concurrent use.
type Normalizer struct {
	opts  Options
	slots chan struct{}
	heic  chan struct{}
}

// New answers a normalizer with the given bounds.
func New(opts Options) *Normalizer {
	opts = opts.withDefaults()
	return &Normalizer{opts: opts, slots: make(chan struct{}, opts.MaxDecodes), heic: make(chan struct{}, 1)}
}

// Result is a normalised document and what was done to it.
type Result struct {
	Data        []byte
	ContentType string // image/jpeg or application/pdf
	In          Format
	InBytes     int
	InWidth     int // images only
	InHeight    int
	Width       int
	Height      int
	Orientation int // the EXIF orientation that was undone, 1 when none
	Pages       int // PDFs only
	// Quality rates a photo; nil for a PDF.
	Quality *Quality
	// Thumbnail is a small JPEG of a photo when Options.ThumbnailEdge asks for one.
	Thumbnail []byte
	Duration  time.Duration
}

// Ext answers the file name extension for the result: ".jpg" or ".pdf".
func (r *Result) Ext() string {
	if r.ContentType == "application/pdf" {
		return ".pdf"
	}
	return ".jpg"
}

// RejectError refuses a file. Its message is for the person who sent it: it says what is wrong and what
// is accepted.
type RejectError struct {
	Message string
	// Cause is the underlying error, for the log; it never reaches the customer.
	Cause error
}

func (e *RejectError) Error() string { return e.Message }

// Unwrap answers the cause.
func (e *RejectError) Unwrap() error { return e.Cause }

func reject(cause error, format string, args ...any) error {
	return &RejectError{Message: fmt.Sprintf(format, args...), Cause: cause}
}

// Normalize reads one document from r and answers it in a form IndicaOnline accepts. Anything the
// sender must change comes back as a *RejectError; other errors are the server's (the context ended
// while waiting for a decode slot, or r failed).
func (n *Normalizer) Normalize(ctx context.Context, r io.Reader) (*Result, error) {
	start := time.Now()
	data, err := io.ReadAll(io.LimitReader(r, n.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("document: read: %w", err)
	}
	var res *Result
	switch {
	case len(data) == 0:
		return nil, reject(nil, "This file is empty. Please choose the photo or PDF again.")
	case int64(len(data)) > n.opts.MaxBytes:
		return nil, reject(nil, "This file is larger than %d MB. Please take the photo again or choose a smaller file.", n.opts.MaxBytes>>20)
	}
	format := Sniff(data[:min(len(data), 64)])
	switch format {
	case "":
		return nil, reject(nil, "This file is not a photo or a PDF. Accepted: %s.", Accepted)
	case PDF:
		res, err = n.checkPDF(data)
	default:
		res, err = n.normalizeImage(ctx, format, data)
	}
	if err != nil {
		return nil, err
	}
	res.In, res.InBytes, res.Duration = format, len(data), time.Since(start)
	return res, nil
}

func (n *Normalizer) normalizeImage(ctx context.Context, format Format, data []byte) (*Result, error) {
	if err := acquire(ctx, n.slots); err != nil {
		return nil, err
	}
	defer func() { <-n.slots }()
	if format == HEIC {
		if err := acquire(ctx, n.heic); err != nil {
			return nil, err
		}
		defer func() { <-n.heic }()
	}

	w, h, err := decodeConfig(format, data)
	if err != nil {
		return nil, reject(err, "This %s could not be read; it may be damaged. Please take the photo again, or choose another file.", describe(format))
	}
	if w <= 0 || h <= 0 {
		return nil, reject(nil, "This %s has no picture in it. Please take the photo again.", describe(format))
	}
	if w*h > n.opts.MaxPixels || w > 100_000 || h > 100_000 {
		return nil, reject(nil, "This picture is too large to take (%d × %d pixels; at most %d megapixels). Please take the photo again with the tablet or phone camera.", w, h, n.opts.MaxPixels/1_000_000)
	}
	scale := 1
	if format == JPEG {
		scale = jpegScale(w, h, n.opts.MaxEdge)
	}
	img, err := decode(format, data, scale)
	if err != nil {
		return nil, reject(err, "This %s could not be read; it may be damaged. Please take the photo again, or choose another file.", describe(format))
	}
	orientation := 1
	if format == JPEG {
		orientation = jpegOrientation(data)
	}
	planes := planesOf(img)
	ow, oh := fitWithin(w, h, n.opts.MaxEdge) // from the full size, whatever size it was decoded at
	out := planes.fit(ow, oh).orient(orientation)
	if conv := profileConversion(format, data); conv != nil {
		out = conv.apply(out) // after resizing: a tenth of the pixels to convert
	}

	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out.image(), &jpeg.Options{Quality: n.opts.JPEGQuality}); err != nil {
		return nil, fmt.Errorf("document: encode: %w", err)
	}
	q := measure(out.y)
	res := &Result{
		Data: buf.Bytes(), ContentType: "image/jpeg",
		InWidth: w, InHeight: h, Width: out.y.w, Height: out.y.h,
		Orientation: orientation, Quality: &q,
	}
	if n.opts.ThumbnailEdge > 0 {
		tw, th := fitWithin(out.y.w, out.y.h, n.opts.ThumbnailEdge)
		var thumb bytes.Buffer
		if err := jpeg.Encode(&thumb, out.fit(tw, th).image(), &jpeg.Options{Quality: 70}); err != nil {
			return nil, fmt.Errorf("document: encode thumbnail: %w", err)
		}
		res.Thumbnail = thumb.Bytes()
	}
	return res, nil
}

// fitWithin answers w×h scaled down, keeping its shape, so that neither edge exceeds max.
func fitWithin(w, h, max int) (int, int) {
	if w <= max && h <= max {
		return w, h
	}
	if w >= h {
		return max, int(float64(h)*float64(max)/float64(w) + 0.5)
	}
	return int(float64(w)*float64(max)/float64(h) + 0.5), max
}

func acquire(ctx context.Context, slots chan struct{}) error {
	select {
	case slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("document: waiting to decode: %w", ctx.Err())
	}
}

func describe(f Format) string {
	switch f {
	case HEIC:
		return "HEIC photo"
	case PDF:
		return "PDF"
	default:
		return fmt.Sprintf("%s image", map[Format]string{JPEG: "JPEG", PNG: "PNG", GIF: "GIF", BMP: "BMP", TIFF: "TIFF", WebP: "WebP"}[f])
	}
}

// IsReject reports whether err is a refusal meant for the sender.
func IsReject(err error) bool {
	var r *RejectError
	return errors.As(err, &r)
}
