package signup

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"intake/internal/indica"
)

// flakyAPI records calls and fails the call numbered failAt (counting from 1), once.
type flakyAPI struct {
	calls  []string
	failAt int
	nextID int64
	create indica.NewCustomer
}

func (f *flakyAPI) step(name string) error {
	f.calls = append(f.calls, name)
	if len(f.calls) == f.failAt {
		return indica.ErrUnavailable
	}
	return nil
}

func (f *flakyAPI) UploadFile(_ context.Context, name, contentType string, r io.Reader) (*indica.File, error) {
	body, _ := io.ReadAll(r)
	if err := f.step("upload " + name + " " + string(body)); err != nil {
		return nil, err
	}
	f.nextID++
	return &indica.File{ID: 100 + f.nextID, Name: name, MimeType: contentType}, nil
}

func (f *flakyAPI) CreateCustomer(_ context.Context, nc indica.NewCustomer) (*indica.Customer, error) {
	if err := f.step("create"); err != nil {
		return nil, err
	}
	f.create = nc
	return &indica.Customer{ID: 7, Status: indica.StatusPending}, nil
}

func (f *flakyAPI) AttachDocuments(_ context.Context, id int64, docs ...indica.Document) (*indica.Customer, error) {
	if err := f.step("attach " + docs[0].DocumentType); err != nil {
		return nil, err
	}
	return &indica.Customer{ID: id}, nil
}

type memFiles map[string]string

func (m memFiles) Open(name string) (io.ReadCloser, error) {
	s, ok := m[name]
	if !ok {
		return nil, errors.New("missing")
	}
	return io.NopCloser(strings.NewReader(s)), nil
}

func draftWithDocuments() Draft {
	d := valid()
	d.Type = "medical_with_rec"
	return Draft{Details: d.Clean(), Documents: []Document{
		{Type: indica.DocumentStateID, File: "a.jpg", ContentType: "image/jpeg"},
		{Type: indica.DocumentStateID, File: "b.jpg", ContentType: "image/jpeg"},
		{Type: indica.DocumentMedicalRecommendation, File: "c.pdf", ContentType: "application/pdf"},
	}}
}

func TestSendUploadsCreatesThenAttaches(t *testing.T) {
	api := &flakyAPI{}
	d := draftWithDocuments()
	saves := 0
	id, status, err := Send(context.Background(), api, memFiles{"a.jpg": "A", "b.jpg": "B", "c.pdf": "C"}, &d, func(Draft) error { saves++; return nil })
	if err != nil || id != 7 || status != indica.StatusPending {
		t.Fatalf("send: %d %q %v", id, status, err)
	}
	want := "upload state_id-1.jpg A|upload state_id-2.jpg B|upload medical_recommendation-3.pdf C|create|attach state_id|attach medical_recommendation"
	if got := strings.Join(api.calls, "|"); got != want {
		t.Fatalf("calls:\n got %s\nwant %s", got, want)
	}
	if api.create.FieldID != 101 || api.create.DocumentType != indica.DocumentStateID || !api.create.HasMedicalRecommendation {
		t.Fatalf("the create must carry the first document and the medical flag: %+v", api.create)
	}
	if saves != 6 {
		t.Fatalf("want a save after each of the 6 committed steps, got %d", saves)
	}
}

// Whatever step fails, sending again finishes the job without repeating a step IndicaOnline committed:
// no file uploaded twice, no customer created twice.
func TestSendResumesAfterAFailureAtAnyStep(t *testing.T) {
	for failAt := 1; failAt <= 6; failAt++ {
		api := &flakyAPI{failAt: failAt}
		d := draftWithDocuments()
		var saved Draft
		save := func(s Draft) error { saved = s; return nil }
		files := memFiles{"a.jpg": "A", "b.jpg": "B", "c.pdf": "C"}
		if _, _, err := Send(context.Background(), api, files, &d, save); !errors.Is(err, indica.ErrUnavailable) {
			t.Fatalf("fail at %d: want the failure, got %v", failAt, err)
		}
		if failAt > 1 {
			d = saved // the retry starts from what was saved, as after a restart
		}
		if id, _, err := Send(context.Background(), api, files, &d, save); err != nil || id != 7 {
			t.Fatalf("fail at %d: retry: %d %v", failAt, id, err)
		}
		counts := map[string]int{}
		for i, c := range api.calls {
			if i+1 != failAt {
				counts[c]++
			}
		}
		for call, n := range counts {
			if n != 1 {
				t.Errorf("fail at %d: %q done %d times", failAt, call, n)
			}
		}
		if len(counts) != 6 {
			t.Errorf("fail at %d: want 6 distinct steps done, got %v", failAt, counts)
		}
	}
}

func TestWithoutDocument(t *testing.T) {
	d := draftWithDocuments()
	rest, file, ok := d.WithoutDocument(indica.DocumentStateID, 1)
	if !ok || file != "b.jpg" || len(rest.Documents) != 2 || len(d.Documents) != 3 {
		t.Fatalf("remove: %v %q %d (original %d)", ok, file, len(rest.Documents), len(d.Documents))
	}
	if _, _, ok := d.WithoutDocument(indica.DocumentMedicalRecommendation, 1); ok {
		t.Fatal("there is no second medical document")
	}
}
