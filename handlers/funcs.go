package handlers

import (
	"html/template"
	"regexp"
	"time"

	"careercenter/models"
)

var linkRE = regexp.MustCompile(`https?://[^\s<>"]+`)

// field is what the field partial needs to draw one labelled input.
type field struct {
	Name, Label, Type, Value, Error, Auto, Hint string
	Required                                    bool
}

// TemplateFuncs are the helpers every template may call.
func TemplateFuncs() template.FuncMap {
	funcs := template.FuncMap{
		// field builds the data of partials/field: f, name, label, type, autocomplete[, hint].
		"field": func(f *form, name, label, typ, auto string, hint ...string) field {
			fd := field{Name: name, Label: label, Type: typ, Auto: auto, Required: true}
			if f != nil {
				if typ != "password" {
					fd.Value = f.Values[name]
				}
				fd.Error = f.Errors[name]
			}
			if len(hint) > 0 {
				fd.Hint = hint[0]
			}
			return fd
		},
		// formFor gives a page with several forms the one that was sent, or nil.
		"formFor": func(f *form, name string) *form {
			if f != nil && f.Name == name {
				return f
			}
			return nil
		},
		// saveFor builds the save toggle of a job in a list.
		"saveFor": func(jobID int64, saved map[int64]bool, csrf, next string) saveButton {
			return saveButton{JobID: jobID, Saved: saved[jobID], CSRF: csrf, Next: next}
		},
		// links lists the web addresses in a text (the dev outbox makes them clickable).
		"links":     func(text string) []string { return linkRE.FindAllString(text, -1) },
		"specialty": func(v string) string { return models.TermLabel(models.Specialties, v) },
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.UTC().Format("2 Jan 2006 15:04 UTC")
		},
	}
	for name, fn := range jobFuncs() {
		funcs[name] = fn
	}
	return funcs
}
