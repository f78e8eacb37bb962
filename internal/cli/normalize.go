package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"intake/internal/document"
)

// normalize runs the upload pipeline on one file, so that a store can see what a photo becomes, and so
// that it can be timed against other tools.
func normalize(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("normalize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := document.Options{}
	fs.IntVar(&opts.MaxEdge, "max-edge", 2000, "longest edge of an image out, in pixels")
	fs.IntVar(&opts.JPEGQuality, "quality", 85, "JPEG quality, 1 to 100")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "usage: intake normalize [--max-edge N] [--quality Q] IN OUT")
		return 2
	}
	in, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "intake normalize: %v\n", err)
		return 1
	}
	defer in.Close()
	res, err := document.New(opts).Normalize(ctx, in)
	if err != nil {
		fmt.Fprintf(stderr, "intake normalize: %s: %v\n", fs.Arg(0), err)
		if document.IsReject(err) {
			return 3
		}
		return 1
	}
	if err := os.WriteFile(fs.Arg(1), res.Data, 0o600); err != nil {
		fmt.Fprintf(stderr, "intake normalize: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, describeResult(res))
	return 0
}

func describeResult(r *document.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "in:  %s, %s", r.In, bytesize(r.InBytes))
	if r.InWidth > 0 {
		fmt.Fprintf(&b, ", %d×%d", r.InWidth, r.InHeight)
	}
	if r.Orientation > 1 {
		fmt.Fprintf(&b, ", EXIF orientation %d", r.Orientation)
	}
	fmt.Fprintf(&b, "\nout: %s, %s", r.ContentType, bytesize(len(r.Data)))
	if r.Width > 0 {
		fmt.Fprintf(&b, ", %d×%d, upright, no metadata", r.Width, r.Height)
	}
	if r.Pages > 0 {
		fmt.Fprintf(&b, ", %d %s, unchanged", r.Pages, map[bool]string{true: "page", false: "pages"}[r.Pages == 1])
	}
	fmt.Fprintf(&b, "\ntime: %.3fs", r.Duration.Seconds())
	if q := r.Quality; q != nil {
		verdict := "good"
		if q.NeedsRetake() {
			verdict = "retake? " + strings.Join(q.Problems(), ", ")
		}
		fmt.Fprintf(&b, "\nquality: %s (sharpness %.0f, brightness %.0f, glare %.1f%%)", verdict, q.Sharpness, q.Brightness, 100*q.Clipped)
	}
	return b.String()
}

func bytesize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
