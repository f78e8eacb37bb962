// Package filestore keeps documents waiting to be sent to IndicaOnline, in a folder of their own under
// names it makes up. Nothing here is reachable over HTTP; files are deleted once IndicaOnline has them.
package filestore

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// ErrBadName means a name this store could not have made, such as one with a path in it.
var ErrBadName = errors.New("filestore: not a name this store made")

var validName = regexp.MustCompile(`^[A-Z2-7]{26}\.(jpg|pdf)$`)

// incomingPrefix starts the name of a file still being written.
const incomingPrefix = ".incoming-"

// Store is a folder of waiting documents.
type Store struct {
	dir string
}

// Open answers the store in dir, creating it readable by its owner only.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	return &Store{dir: dir}, nil
}

// Put writes data under a new random name with the given extension (".jpg" or ".pdf") and answers the
// name. The file appears whole or not at all.
func (s *Store) Put(data []byte, ext string) (string, error) {
	name := rand.Text() + ext
	if !validName.MatchString(name) {
		return "", fmt.Errorf("filestore: extension %q", ext)
	}
	tmp, err := os.CreateTemp(s.dir, incomingPrefix+"*")
	if err != nil {
		return "", fmt.Errorf("filestore: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("filestore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("filestore: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(s.dir, name)); err != nil {
		return "", fmt.Errorf("filestore: %w", err)
	}
	return name, nil
}

// Open answers the file with the given name.
func (s *Store) Open(name string) (io.ReadCloser, error) {
	if !validName.MatchString(name) {
		return nil, ErrBadName
	}
	return os.Open(filepath.Join(s.dir, name))
}

// Delete removes the named files; a file already gone is not an error.
func (s *Store) Delete(names ...string) error {
	var errs []error
	for _, name := range names {
		if !validName.MatchString(name) {
			errs = append(errs, ErrBadName)
			continue
		}
		if err := os.Remove(filepath.Join(s.dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Sweep deletes files last changed before cutoff that keep does not claim, and any half-written file,
// and answers how many it deleted: what a crash or an abandoned signup left behind. It touches only
// files this store names; anything else in the folder (a README, say) is left alone.
func (s *Store) Sweep(cutoff time.Time, keep func(name string) bool) (int, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, fmt.Errorf("filestore: %w", err)
	}
	deleted := 0
	var errs []error
	for _, e := range entries {
		info, err := e.Info()
		ours := validName.MatchString(e.Name()) || strings.HasPrefix(e.Name(), incomingPrefix)
		if err != nil || e.IsDir() || !ours || info.ModTime().After(cutoff) || keep(e.Name()) {
			continue
		}
		if err := os.Remove(filepath.Join(s.dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		deleted++
	}
	return deleted, errors.Join(errs...)
}
