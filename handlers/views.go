package handlers

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync"
)

// Views renders pages for Fiber. Each page gets its own template set (the
// layouts and partials cloned, plus the page as "content"), parsed once at
// start-up, so renders need no lock. A page that fails to execute returns an
// error for the error handler instead of printing it into the page.
type Views struct {
	pages map[string]*template.Template
	// buffers are reused between renders: a results page is about 30 KB,
	// and growing a fresh buffer to that size on every request is most of
	// a render's allocations.
	buffers sync.Pool
}

// maxPooledBuffer keeps an unusually large page's buffer out of the pool.
const maxPooledBuffer = 256 << 10

// NewViews parses every page under fsys; layouts/ and partials/ are shared,
// emails/ is left to the mailer.
func NewViews(fsys fs.FS, funcs template.FuncMap) (*Views, error) {
	base := template.New("").Funcs(funcs)
	var pages []string
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") || strings.HasPrefix(path, "emails/") {
			return err
		}
		if strings.HasPrefix(path, "layouts/") || strings.HasPrefix(path, "partials/") {
			return parseInto(base, fsys, path, strings.TrimSuffix(path, ".html"))
		}
		pages = append(pages, path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	v := &Views{pages: map[string]*template.Template{}}
	for _, path := range pages {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseInto(t, fsys, path, "content"); err != nil {
			return nil, err
		}
		v.pages[strings.TrimSuffix(path, ".html")] = t
	}
	return v, nil
}

func parseInto(t *template.Template, fsys fs.FS, path, name string) error {
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		return err
	}
	if _, err := t.New(name).Parse(string(src)); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// Load is part of fiber.Views; everything was parsed by NewViews.
func (v *Views) Load() error { return nil }

// Fragment executes one named template of a page, without the layout, into
// HTML that a later render of the same page can include as it is.
func (v *Views) Fragment(page, name string, binding any) (template.HTML, error) {
	var b strings.Builder
	if err := v.Render(&b, page, binding, name); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // #nosec: the page's own template escaped it
}

// Render executes page name, inside layout when one is given, into a buffer
// first so a failure leaves nothing half-written.
func (v *Views) Render(out io.Writer, name string, binding interface{}, layout ...string) error {
	t, ok := v.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	entry := "content"
	if len(layout) > 0 && layout[0] != "" {
		entry = layout[0]
	}
	buf, _ := v.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			v.buffers.Put(buf)
		}
	}()
	if err := t.ExecuteTemplate(buf, entry, binding); err != nil {
		return err
	}
	_, err := out.Write(buf.Bytes())
	return err
}
