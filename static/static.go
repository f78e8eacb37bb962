// Package static embeds the stylesheets and scripts into the binary and serves them under /static/ with
// content-hashed URLs, so browsers may keep them for a year and still never run a stale copy.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
	"sync"
)

//go:embed css js
var files embed.FS

// Prefix is where the assets are served.
const Prefix = "/static/"

var (
	hashOnce sync.Once
	hashes   map[string]string
)

// Path answers the URL of the asset at name (such as "css/app.css"), versioned by its content.
func Path(name string) string {
	hashOnce.Do(computeHashes)
	return Prefix + name + "?v=" + hashes[name]
}

func computeHashes() {
	hashes = map[string]string{}
	_ = fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(content)
		hashes[path] = hex.EncodeToString(sum[:6])
		return nil
	})
}

// Handler serves the assets. A request naming the current version may be cached for a year.
func Handler() http.Handler {
	fileServer := http.StripPrefix(Prefix, http.FileServerFS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hashOnce.Do(computeHashes)
		name := strings.TrimPrefix(r.URL.Path, Prefix)
		if _, known := hashes[name]; !known {
			http.NotFound(w, r) // no directory listings, nothing but the assets
			return
		}
		if v := r.URL.Query().Get("v"); v != "" && v == hashes[name] {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		fileServer.ServeHTTP(w, r)
	})
}
