package email

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"strings"
	texttemplate "text/template"
)

// templateDir is where the email templates sit inside the views file system.
const templateDir = "emails"

// email is one parsed template: its subject line, plain-text body and HTML
// body, the bodies already wrapped in their layouts.
type email struct {
	subject *texttemplate.Template
	text    *texttemplate.Template
	html    *htmltemplate.Template
}

// parseTemplates reads every emails/<name>.txt with its emails/<name>.html.
// A missing half or a syntax error fails here, at start-up, rather than when
// the first user waits for a link.
func parseTemplates(fsys fs.FS) (map[string]email, error) {
	textLayout, err := texttemplate.ParseFS(fsys, path.Join(templateDir, "layout.txt"))
	if err != nil {
		return nil, fmt.Errorf("email text layout: %w", err)
	}
	htmlLayout, err := htmltemplate.ParseFS(fsys, path.Join(templateDir, "layout.html"))
	if err != nil {
		return nil, fmt.Errorf("email html layout: %w", err)
	}

	files, err := fs.Glob(fsys, path.Join(templateDir, "*.txt"))
	if err != nil {
		return nil, err
	}
	all := make(map[string]email)
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".txt")
		if name == "layout" {
			continue
		}
		e, err := parseEmail(fsys, name, textLayout, htmlLayout)
		if err != nil {
			return nil, fmt.Errorf("email %s: %w", name, err)
		}
		all[name] = e
	}
	if len(all) == 0 {
		return nil, errors.New("no email templates in " + templateDir)
	}
	return all, nil
}

func parseEmail(fsys fs.FS, name string, textLayout *texttemplate.Template, htmlLayout *htmltemplate.Template) (email, error) {
	var e email
	src, err := fs.ReadFile(fsys, path.Join(templateDir, name+".txt"))
	if err != nil {
		return e, err
	}
	first, body, _ := strings.Cut(string(src), "\n")
	subject, ok := strings.CutPrefix(strings.TrimSpace(first), "Subject:")
	if !ok {
		return e, errors.New(`first line must be "Subject: ..."`)
	}
	e.subject, err = texttemplate.New("subject").Parse(strings.TrimSpace(subject))
	if err != nil {
		return e, err
	}
	e.text = texttemplate.Must(textLayout.Clone())
	if _, err := e.text.New("content").Parse(strings.TrimLeft(body, "\n")); err != nil {
		return e, err
	}
	htmlSrc, err := fs.ReadFile(fsys, path.Join(templateDir, name+".html"))
	if err != nil {
		return e, err
	}
	e.html = htmltemplate.Must(htmlLayout.Clone())
	if _, err := e.html.New("content").Parse(string(htmlSrc)); err != nil {
		return e, err
	}
	return e, nil
}

// render fills the subject and both bodies. The layouts also see the subject
// (for the HTML <title>) and the site's address, through data's Base.
func (e email) render(data payload) (subject, text, html string, err error) {
	var b bytes.Buffer
	if err := e.subject.Execute(&b, data); err != nil {
		return "", "", "", err
	}
	// A line break in a subject would end the header early.
	subject = strings.Join(strings.Fields(b.String()), " ")

	data.base().Subject = subject
	b.Reset()
	if err := e.text.Execute(&b, data); err != nil {
		return "", "", "", err
	}
	text = b.String()
	b.Reset()
	if err := e.html.Execute(&b, data); err != nil {
		return "", "", "", err
	}
	return subject, text, b.String(), nil
}
