package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"intake/internal/indica"
)

// fileStore keeps the bytes of uploaded files, on disk when the sandbox has a data directory.
type fileStore struct {
	dir string // empty: in memory

	mu  sync.Mutex
	mem map[int64][]byte
}

func newFileStore(dataDir string) (fileStore, error) {
	if dataDir == "" {
		return fileStore{mem: map[int64][]byte{}}, nil
	}
	dir := filepath.Join(dataDir, "files")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fileStore{}, fmt.Errorf("sandbox: %w", err)
	}
	return fileStore{dir: dir}, nil
}

func (fs *fileStore) put(id int64, content []byte) error {
	if fs.dir == "" {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		fs.mem[id] = content
		return nil
	}
	return os.WriteFile(filepath.Join(fs.dir, strconv.FormatInt(id, 10)), content, 0o600)
}

func (fs *fileStore) get(id int64) ([]byte, error) {
	if fs.dir == "" {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		content, ok := fs.mem[id]
		if !ok {
			return nil, os.ErrNotExist
		}
		return content, nil
	}
	return os.ReadFile(filepath.Join(fs.dir, strconv.FormatInt(id, 10)))
}

func (fs *fileStore) clear() error {
	if fs.dir == "" {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		clear(fs.mem)
		return nil
	}
	if err := os.RemoveAll(fs.dir); err != nil {
		return err
	}
	return os.MkdirAll(fs.dir, 0o700)
}

// acceptedTypes maps what the bytes are to the types IndicaOnline takes: jpeg, jpg, png and pdf.
var acceptedTypes = map[string]bool{"image/jpeg": true, "image/png": true, "application/pdf": true}

func (s *Sandbox) uploadFile(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, indica.MaxUploadBytes+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		writeInvalid(w, fieldErrors{indica.UploadFormField: {"must be sent as multipart/form-data"}})
		return
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			writeInvalid(w, fieldErrors{indica.UploadFormField: {"could not be read: " + err.Error()}})
			return
		}
		if part.FormName() != indica.UploadFormField {
			continue
		}
		content, err := io.ReadAll(io.LimitReader(part, indica.MaxUploadBytes+1))
		if err != nil {
			writeInvalid(w, fieldErrors{indica.UploadFormField: {"could not be read: " + err.Error()}})
			return
		}
		s.storeUpload(w, r, filepath.Base(part.FileName()), content)
		return
	}
	writeInvalid(w, fieldErrors{indica.UploadFormField: {"is required"}})
}

func (s *Sandbox) storeUpload(w http.ResponseWriter, r *http.Request, name string, content []byte) {
	mimeType, _, _ := mime.ParseMediaType(http.DetectContentType(content))
	summary, _ := json.Marshal(map[string]any{"file": map[string]any{"name": name, "size": len(content), "mime_type": mimeType}})
	journalBody(r, summary)
	switch {
	case len(content) == 0:
		writeInvalid(w, fieldErrors{indica.UploadFormField: {"is empty"}})
		return
	case len(content) > indica.MaxUploadBytes:
		writeInvalid(w, fieldErrors{indica.UploadFormField: {fmt.Sprintf("must be at most %d MB", indica.MaxUploadBytes>>20)}})
		return
	case !acceptedTypes[mimeType]:
		writeInvalid(w, fieldErrors{indica.UploadFormField: {"must be a file of type: jpeg, jpg, png, pdf"}})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data.NextFileID++
	f := storedFile{File: indica.File{ID: s.data.NextFileID, Name: name, MimeType: mimeType, Size: int64(len(content))}}
	if err := s.files.put(f.ID, content); err != nil {
		writeMessage(w, http.StatusInternalServerError, "could not store the file")
		return
	}
	s.data.Files = append(s.data.Files, f)
	if err := s.save(); err != nil {
		writeMessage(w, http.StatusInternalServerError, "could not store the file")
		return
	}
	writeJSON(w, http.StatusCreated, f.File)
}

func (s *Sandbox) fileContent(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.mu.Lock()
	i := -1
	if err == nil {
		i = s.fileIndex(id)
	}
	var f storedFile
	if i >= 0 {
		f = s.data.Files[i]
	}
	s.mu.Unlock()
	if i < 0 {
		writeMessage(w, http.StatusNotFound, "File not found")
		return
	}
	content, err := s.files.get(id)
	if err != nil {
		writeMessage(w, http.StatusInternalServerError, "could not read the file")
		return
	}
	w.Header().Set("Content-Type", f.MimeType)
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	_, _ = w.Write(content)
}
