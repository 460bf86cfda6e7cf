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
// layouts and partials cloned, plus the page as "content"). Every page is
// parsed at start-up, so a broken template stops the start, but a page's
// set is kept only from its first render: the sets of all pages are about
// 12 MB, most of a process's live heap, and a process serves a few pages
// far more than the rest. A page that fails to execute returns an error for
// the error handler instead of printing it into the page.
type Views struct {
	fsys  fs.FS
	base  *template.Template // layouts and partials
	pages map[string]*lazyPage
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
	v := &Views{fsys: fsys, base: base, pages: map[string]*lazyPage{}}
	for _, path := range pages {
		p := &lazyPage{path: path}
		if _, err := v.parse(p); err != nil {
			return nil, err
		}
		v.pages[strings.TrimSuffix(path, ".html")] = p
	}
	return v, nil
}

// lazyPage is a page's template set, parsed at its first render.
type lazyPage struct {
	path string
	once sync.Once
	t    *template.Template
	err  error
}

func (v *Views) parse(p *lazyPage) (*template.Template, error) {
	t, err := v.base.Clone()
	if err != nil {
		return nil, err
	}
	return t, parseInto(t, v.fsys, p.path, "content")
}

// page is name's template set.
func (v *Views) page(name string) (*template.Template, error) {
	p, ok := v.pages[name]
	if !ok {
		return nil, fmt.Errorf("no page template %q", name)
	}
	p.once.Do(func() { p.t, p.err = v.parse(p) })
	return p.t, p.err
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
	t, err := v.page(name)
	if err != nil {
		return err
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
	_, err = out.Write(buf.Bytes())
	return err
}
