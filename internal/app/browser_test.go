package app

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"intake/internal/config"
	"intake/internal/document/doctest"
	"intake/internal/indica"
)

// Browser tests drive Debian's Chromium (the README's test command installs it) through what only a
// browser shows: the kiosk's screens on a tablet and a phone, the automatic return to welcome, the Back
// button after a signup, and the idle timer. Set INTAKE_SCREENSHOTS to a folder to keep screenshots.

// tablet and phone are the viewports the kiosk and pre-registration are used at.
var (
	tablet = [2]int{820, 1180}
	phone  = [2]int{390, 844}
)

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Fatal("Chromium is needed for the browser tests; the README's test command installs it (Debian package chromium)")
	return ""
}

// newBrowser answers a headless Chromium tab of the given size, closed when the test ends.
func newBrowser(t *testing.T, size [2]int, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(size[0], size[1]),
	)
	opts = append(opts, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(size[0]), int64(size[1]))); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("INTAKE_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// bodyText answers the text the page shows. It reads by evaluation, not by a node query, and tries again
// when a navigation gets in the way: a page such as the done screen may move on by itself at any moment.
func bodyText(t *testing.T, ctx context.Context) string {
	t.Helper()
	for {
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if err == nil {
			return text
		}
		select {
		case <-ctx.Done():
			t.Fatalf("could not read the page: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// waitForPage waits until the tab shows the page at path, whatever took it there (a meta refresh, a
// script). A query started on the old page does not follow a navigation the test did not start.
func waitForPage(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	for {
		current, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
		if err == nil && current == path {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the browser never reached %s (last at %q, %v)", path, current, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// goBack presses the browser's Back button and waits until the previous page is shown.
func goBack(t *testing.T, ctx context.Context) {
	t.Helper()
	// The evaluation may end with "target navigated", which is the point.
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.__left = true; setTimeout(() => history.back(), 0)`))
	for {
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!window.__left && document.readyState === "complete"`))
		if err == nil && shown {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("Back never showed a page: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// addIDPhoto chooses an EXIF-rotated photo in the ID step's file picker and adds it.
func addIDPhoto(t *testing.T, ctx context.Context) {
	t.Helper()
	photo := filepath.Join(t.TempDir(), "IMG_0001.JPG")
	if err := os.WriteFile(photo, rotatedPhoto(), 0o600); err != nil {
		t.Fatal(err)
	}
	// Choosing a file sends it at once; no need to press Add where scripts run.
	run(t, ctx,
		chromedp.WaitVisible(chromedp.ID("id_document-file")),
		chromedp.SetUploadFiles(chromedp.ID("id_document-file"), []string{photo}),
	)
	waitForPage(t, ctx, "/kiosk/documents/id")
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid="pages"]`)))
	screenshot(t, ctx, "kiosk-id-photo")
}

// fillDetails fills the details form as a customer would: typing, tapping choices.
func fillDetails(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx,
		chromedp.WaitVisible(chromedp.ID("first_name")),
		chromedp.SendKeys(chromedp.ID("first_name"), "Grace"),
		chromedp.SendKeys(chromedp.ID("last_name"), "Hopper"),
		chromedp.SetValue(chromedp.ID("date_of_birth"), "1980-12-09"),
		chromedp.Click(chromedp.CSS(`label[for="gender-1"]`)),
		chromedp.SendKeys(chromedp.ID("phone"), "555 867 5309"),
		chromedp.Click(chromedp.CSS(`label[for="type-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="group-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="accept_terms"]`)),
	)
}

func TestBrowserKioskSignupOnATablet(t *testing.T) {
	a := startApp(t, t.TempDir(), func(c *config.Config) { c.Kiosk.DoneAfter = 2 * time.Second })
	ctx := newBrowser(t, tablet)

	run(t, ctx, chromedp.Navigate(a.srv.URL+"/kiosk"), chromedp.WaitVisible(chromedp.CSS(".kiosk-welcome")))
	screenshot(t, ctx, "kiosk-welcome")
	run(t, ctx, chromedp.Click(chromedp.CSS(`form[action="/kiosk/start"] button`)))
	fillDetails(t, ctx)
	screenshot(t, ctx, "kiosk-details")
	run(t, ctx, chromedp.Click(chromedp.CSS(`form[action="/kiosk/details"] button[type=submit]`)))
	addIDPhoto(t, ctx)
	run(t, ctx,
		chromedp.Click(chromedp.CSS(`form[action="/kiosk/documents/id/next"] button`)),
		chromedp.WaitVisible(chromedp.CSS("dl.summary")),
	)
	screenshot(t, ctx, "kiosk-review")
	if text := bodyText(t, ctx); !strings.Contains(text, "Grace Hopper") || !strings.Contains(text, "(555) 867-5309") || !strings.Contains(text, "Seniors") {
		t.Fatalf("the review does not show what was entered: %s", text)
	}

	run(t, ctx,
		chromedp.Click(chromedp.CSS(`form[action="/kiosk/submit"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".done")),
	)
	screenshot(t, ctx, "kiosk-done")
	if text := bodyText(t, ctx); !strings.Contains(text, "You're signed up") || strings.Contains(text, "Grace") {
		t.Fatalf("the done screen should thank without naming: %s", text)
	}
	// With no script involved, the done screen gives way to the welcome screen by itself.
	waitForPage(t, ctx, "/kiosk")
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS(".kiosk-welcome")))

	page, err := sandboxClient(t, a).ListCustomers(context.Background(), indica.CustomerQuery{Start: time.Now().AddDate(0, 0, -1), End: time.Now().AddDate(0, 0, 1)})
	if err != nil || page.Total != 1 {
		t.Fatalf("want the customer in the sandbox, got %+v, %v", page, err)
	}
	c := page.Items[0]
	if c.FirstName != "Grace" || c.Phone != "5558675309" || c.Gender != "female" || c.Type != "recreational" ||
		len(c.ManualGroups) != 1 || c.ManualGroups[0] != 2 || c.Status != indica.StatusPending {
		t.Fatalf("customer in the sandbox: %+v status %s", c.Profile, c.Status)
	}

	// The next person presses Back, again and again: nothing of Grace comes back, whether the browser
	// asks the server again or restores the page from its back-forward cache.
	steps, err := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length - 1`))
	if err != nil || steps < 3 {
		t.Fatalf("want at least 3 pages to go back through, got %d, %v", steps, err)
	}
	for i := range steps {
		goBack(t, ctx)
		if text := bodyText(t, ctx); strings.Contains(text, "Grace") || strings.Contains(text, "Hopper") || strings.Contains(text, "867") {
			t.Fatalf("Back %d brought the last customer's details back: %s", i+1, text)
		}
	}
}

func TestBrowserDetailsOnAPhone(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	ctx := newBrowser(t, phone)
	run(t, ctx,
		chromedp.Navigate(a.srv.URL+"/kiosk"),
		chromedp.Click(chromedp.CSS(`form[action="/kiosk/start"] button`)),
		chromedp.WaitVisible(chromedp.ID("first_name")),
		chromedp.SendKeys(chromedp.ID("phone"), "555-0100"),
		chromedp.Click(chromedp.CSS(`form[action="/kiosk/details"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("error-summary")),
	)
	screenshot(t, ctx, "phone-details-errors")
	type layoutFacts struct {
		Overflow   bool     `json:"overflow"`
		Focused    string   `json:"focused"`
		SmallTaps  []string `json:"smallTaps"`
		PhoneValue string   `json:"phoneValue"`
	}
	layout, err := chromedp.Run(ctx, chromedp.Evaluate[layoutFacts](`({
		overflow: document.documentElement.scrollWidth > window.innerWidth,
		focused: document.activeElement && document.activeElement.id,
		smallTaps: [...document.querySelectorAll('button, input, select, .check label')]
			.filter(e => e.offsetParent !== null && e.type !== 'hidden')
			.filter(e => { const r = e.getBoundingClientRect(); return r.height < 24 || (e.matches('button, input[type=text], input[type=tel], input[type=email], input[type=date], select') && r.height < 44); })
			.map(e => e.id || e.name || e.textContent.trim()),
		phoneValue: document.getElementById('phone').value,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if layout.Overflow {
		t.Error("the details page scrolls sideways on a phone")
	}
	if layout.Focused != "error-summary" {
		t.Errorf("the error summary should take focus so a screen reader reads it, focus is on %q", layout.Focused)
	}
	if len(layout.SmallTaps) > 0 {
		t.Errorf("controls too small to tap: %v", layout.SmallTaps)
	}
	if layout.PhoneValue != "555-0100" {
		t.Errorf("the phone typed was not kept: %q", layout.PhoneValue)
	}
	if text := bodyText(t, ctx); !strings.Contains(text, "Enter a 10-digit phone number") || !strings.Contains(text, "Enter your first name") {
		t.Errorf("messages missing: %s", text)
	}
}

func TestBrowserKioskStartsOverWhenLeftIdle(t *testing.T) {
	a := startApp(t, t.TempDir(), func(c *config.Config) {
		c.Kiosk.IdleTimeout = 1 * time.Second
		c.Kiosk.IdleGrace = 2 * time.Second
	})
	ctx := newBrowser(t, tablet)
	run(t, ctx,
		chromedp.Navigate(a.srv.URL+"/kiosk"),
		chromedp.Click(chromedp.CSS(`form[action="/kiosk/start"] button`)),
		chromedp.WaitVisible(chromedp.ID("first_name")),
		chromedp.SendKeys(chromedp.ID("first_name"), "Walkaway"),
		chromedp.WaitVisible(chromedp.ID("idle-dialog")),
	)
	screenshot(t, ctx, "kiosk-idle")
	// "I'm still here" keeps what was typed.
	run(t, ctx,
		chromedp.Click(chromedp.ID("idle-continue")),
		chromedp.WaitNotVisible(chromedp.ID("idle-dialog")),
	)
	kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("first_name")))
	if err != nil {
		t.Fatal(err)
	}
	if kept != "Walkaway" {
		t.Fatalf("continuing lost what was typed: %q", kept)
	}
	// Left alone, the kiosk asks again and then starts over, and the draft is gone.
	waitForPage(t, ctx, "/kiosk")
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS(".kiosk-welcome")))
	run(t, ctx, chromedp.Navigate(a.srv.URL+"/kiosk/details"), chromedp.WaitVisible(chromedp.CSS(".kiosk-welcome")))
	if text := bodyText(t, ctx); strings.Contains(text, "Walkaway") {
		t.Fatal("the abandoned details are still shown")
	}
}

// y4m writes a video file for Chromium's fake camera: the quadrants picture, in the C420jpeg layout
// Chromium reads.
func y4m(t *testing.T, w, h int) string {
	t.Helper()
	img := doctest.Quadrants(w, h)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "YUV4MPEG2 W%d H%d F30:1 Ip A1:1 C420jpeg\n", w, h)
	yp, cb, cr := make([]byte, w*h), make([]byte, w*h/4), make([]byte, w*h/4)
	for y := range h {
		for x := range w {
			c := img.RGBAAt(x, y)
			yy, u, v := color.RGBToYCbCr(c.R, c.G, c.B)
			yp[y*w+x] = yy
			if x%2 == 0 && y%2 == 0 {
				cb[(y/2)*(w/2)+x/2], cr[(y/2)*(w/2)+x/2] = u, v
			}
		}
	}
	for range 2 {
		buf.WriteString("FRAME\n")
		buf.Write(yp)
		buf.Write(cb)
		buf.Write(cr)
	}
	path := filepath.Join(t.TempDir(), "camera.y4m")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// detailsFilled starts a signup in the browser and fills in the details, up to the ID step.
func detailsFilled(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(base+"/kiosk"), chromedp.Click(chromedp.CSS(`form[action="/kiosk/start"] button`)))
	fillDetails(t, ctx)
	run(t, ctx, chromedp.Click(chromedp.CSS(`form[action="/kiosk/details"] button[type=submit]`)))
	waitForPage(t, ctx, "/kiosk/documents/id")
}

func TestBrowserCameraTakesTheIDPhoto(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	ctx := newBrowser(t, tablet,
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", y4m(t, 640, 480)),
	)
	detailsFilled(t, ctx, a.srv.URL)
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS("[data-camera][data-ready] video")))
	screenshot(t, ctx, "kiosk-camera")
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("[data-camera] button, .shot, .capture-field")].filter(e => e.offsetParent !== null).map(e => e.textContent.trim() || e.className)`))
	if err != nil || strings.Join(shown, "|") != "Take photo" {
		t.Fatalf("before a capture only Take photo may show, got %q, %v", shown, err)
	}
	run(t, ctx,
		chromedp.Click(chromedp.CSS("[data-capture]")),
		chromedp.WaitVisible(chromedp.CSS(".shot")),
		chromedp.WaitVisible(chromedp.CSS("[data-retake]")),
	)
	screenshot(t, ctx, "kiosk-camera-preview")
	// Retake goes back to the live view; a second capture is the one used.
	run(t, ctx,
		chromedp.Click(chromedp.CSS("[data-retake]")),
		chromedp.WaitVisible(chromedp.CSS(".viewfinder")),
		chromedp.Click(chromedp.CSS("[data-capture]")),
		chromedp.WaitVisible(chromedp.CSS("[data-use]")),
		chromedp.Click(chromedp.CSS("[data-use]")),
	)
	waitForPage(t, ctx, "/kiosk/documents/id")
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid="pages"]`)))
	if !strings.Contains(a.logs.String(), "in_width=640 in_height=480") {
		t.Fatalf("the camera's photo did not arrive at its size: %s", a.logs.String())
	}
	run(t, ctx,
		chromedp.Click(chromedp.CSS(`form[action="/kiosk/documents/id/next"] button`)),
		chromedp.WaitVisible(chromedp.CSS("dl.summary")),
		chromedp.Click(chromedp.CSS(`form[action="/kiosk/submit"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".done")),
	)
	page, err := sandboxClient(t, a).ListCustomers(context.Background(), indica.CustomerQuery{Start: time.Now().AddDate(0, 0, -1), End: time.Now().AddDate(0, 0, 1)})
	if err != nil || page.Total != 1 || len(page.Items[0].Documents) != 1 {
		t.Fatalf("want one customer with the photo attached, got %+v, %v", page, err)
	}
	photo, _ := sandboxFile(t, a, page.Items[0].Documents[0].FieldID)
	img, err := jpeg.Decode(bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := img.At(100, 100).RGBA(); r>>8 < 150 || g>>8 > 90 || b>>8 > 90 {
		t.Fatalf("the camera's picture (red at the top left) did not arrive: %d %d %d", r>>8, g>>8, b>>8)
	}
}

func TestBrowserScalesAndTurnsPhotosBeforeUpload(t *testing.T) {
	a := startApp(t, t.TempDir(), nil)
	ctx := newBrowser(t, tablet)
	detailsFilled(t, ctx, a.srv.URL)
	// A large photo as a phone stores it: 2000×3000, with EXIF saying to turn it to 3000×2000.
	big := doctest.WithEXIF(doctest.JPEG(doctest.Stored(doctest.Quadrants(3000, 2000), 6), 95), 6)
	path := filepath.Join(t.TempDir(), "IMG_0002.JPG")
	if err := os.WriteFile(path, big, 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.SetUploadFiles(chromedp.ID("id_document-file"), []string{path}))
	waitForPage(t, ctx, "/kiosk/documents/id")
	run(t, ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid="pages"]`)))
	logs := a.logs.String()
	if !strings.Contains(logs, "in_width=2000 in_height=1333") {
		t.Fatalf("the browser should have sent the photo upright at 2000 px: %s", logs)
	}
	if strings.Contains(logs, fmt.Sprintf("in_bytes=%d", len(big))) {
		t.Fatal("the original file crossed the network")
	}
}
