package handlers

import (
	"errors"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"

	"github.com/labstack/echo/v4"

	"intake/internal/document"
	"intake/internal/signup"
	"intake/views"
)

// uploadKioskDocument normalises each file the customer sends and keeps it with the draft. A file that
// cannot be taken comes back on the same page with a message that says why and what is accepted; the
// files before it in the same request are kept.
func uploadKioskDocument(site views.Site, sess kioskSession, drafts DraftStore, k KioskSettings, ds DocumentSettings, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		step, id, draft, err := stepDraft(c, sess, drafts)
		if err != nil {
			return orWelcome(c, err)
		}
		up, err := readDocuments(c, step, ds, log)
		if err == nil {
			draft.Documents = append(draft.Documents, up.added...)
			err = drafts.Save(c.Request().Context(), id, draft)
		}
		if err != nil {
			_ = ds.Files.Delete(filesOf(up.added)...) // in no draft, so nothing else would ever delete them
			return err
		}
		if up.problem != "" {
			return render(c, up.status, views.KioskDocuments(documentsPage(c, site, k, ds, step, draft, up.problem)))
		}
		return c.Redirect(http.StatusSeeOther, c.Echo().Reverse(routeKioskDocuments, step.kind))
	}
}

// upload is what came of one upload request: the documents kept, and what to tell the customer.
type upload struct {
	added   []signup.Document
	problem string
	status  int
}

func (u upload) refuse(status int, problem string) upload {
	u.status, u.problem = status, problem
	return u
}

// readDocuments takes each file the request carries through the normaliser and into the file store. It
// answers an error only for what is the server's fault.
func readDocuments(c echo.Context, step docStep, ds DocumentSettings, log *slog.Logger) (upload, error) {
	var up upload
	form, err := c.MultipartForm()
	if isBrokenUpload(err) {
		return up.refuse(brokenUpload(err, ds)), nil
	}
	var files []*multipart.FileHeader
	if err == nil {
		for _, fh := range form.File[step.field] {
			if fh.Filename != "" {
				files = append(files, fh) // an empty file field sends a part with no name: skipped
			}
		}
	}
	if len(files) == 0 {
		return up.refuse(http.StatusUnprocessableEntity, "Choose a photo or a PDF first, or take a photo."), nil
	}
	for _, fh := range files {
		f, err := fh.Open()
		if err != nil {
			return up, err
		}
		res, err := ds.Normalizer.Normalize(c.Request().Context(), f)
		f.Close()
		switch {
		case document.IsReject(err):
			log.Info("document refused", "request_id", requestID(c), "reason", errors.Unwrap(err))
			return up.refuse(http.StatusUnprocessableEntity, err.Error()), nil
		case err != nil:
			return up, err
		}
		name, err := ds.Files.Put(res.Data, res.Ext())
		if err != nil {
			return up, err
		}
		doc := signup.Document{
			Type: step.docType, File: name, ContentType: res.ContentType, Size: len(res.Data),
			Width: res.Width, Height: res.Height, Pages: res.Pages, Thumbnail: thumbnailURI(res.Thumbnail),
		}
		if res.Quality != nil {
			doc.Retake = res.Quality.Problems()
		}
		log.Info("document added", "request_id", requestID(c), "type", step.docType, "in", res.In, "in_bytes", res.InBytes, "in_width", res.InWidth, "in_height", res.InHeight,
			"out_bytes", len(res.Data), "duration_ms", res.Duration.Milliseconds(), "retake", len(doc.Retake) > 0)
		up.added = append(up.added, doc)
	}
	return up, nil
}

func isBrokenUpload(err error) bool {
	var tooLarge *http.MaxBytesError
	return errors.As(err, &tooLarge) || errors.Is(err, echo.ErrStatusRequestEntityTooLarge) || errors.Is(err, io.ErrUnexpectedEOF)
}

// brokenUpload answers the status and message for a request body that ran over the limit or broke off.
func brokenUpload(err error, ds DocumentSettings) (int, string) {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, http.ErrMissingBoundary) {
		return http.StatusBadRequest, "The upload broke off before the file arrived. Please try again."
	}
	return http.StatusRequestEntityTooLarge, tooLargeMessage(ds.MaxUploadBytes)
}

func filesOf(docs []signup.Document) []string {
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.File
	}
	return names
}
