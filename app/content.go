package app

import (
	"io/fs"
	"os"

	"careercenter/views"
)

// contentFS is where the site's own pages (about, terms, privacy, contact)
// are read from on every request: a file in CONTENT_DIR when there is one,
// so an operator can replace a text without rebuilding or restarting, and
// otherwise the default built into the binary.
func contentFS(dir string) fs.FS {
	defaults, err := fs.Sub(views.FS, "content")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	if dir == "" {
		return defaults
	}
	return overlayFS{top: os.DirFS(dir), under: defaults}
}

// overlayFS opens a file from top, or from under when top has none.
type overlayFS struct{ top, under fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		return f, nil
	}
	return o.under.Open(name)
}
