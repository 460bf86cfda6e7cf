package handlers

import (
	"html/template"
	"regexp"

	"careercenter/models"
)

var linkRE = regexp.MustCompile(`https?://[^\s<>"]+`)

// field is what the field partial needs to draw one labelled input.
type field struct {
	Name, Label, Type, Value, Error, Auto, Hint string
	Required                                    bool
}

// selectField is what partials/select needs to draw one labelled select.
type selectField struct {
	Name, Label, Value, Blank, Error string
	Options                          []models.Term
}

func newField(f *form, name, label, typ, auto string, required bool, hint []string) field {
	fd := field{Name: name, Label: label, Type: typ, Auto: auto, Required: required}
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
}

// TemplateFuncs are the helpers every template may call.
func TemplateFuncs() template.FuncMap {
	funcs := template.FuncMap{
		// field builds the data of partials/field: f, name, label, type, autocomplete[, hint].
		"field": func(f *form, name, label, typ, auto string, hint ...string) field {
			return newField(f, name, label, typ, auto, true, hint)
		},
		// optional is field for an input that may stay empty.
		"optional": func(f *form, name, label, typ, auto string, hint ...string) field {
			return newField(f, name, label, typ, auto, false, hint)
		},
		// choice builds the data of partials/select: a labelled select of a
		// vocabulary (see vocab) with blank as its empty first option.
		"choice": func(f *form, name, label, vocab, value, blank string) selectField {
			sf := selectField{Name: name, Label: label, Options: vocabulary(vocab), Value: value, Blank: blank}
			if f != nil {
				sf.Error = f.Errors[name]
			}
			return sf
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
		// date is day with the time of day (see models/dates.go).
		"date": models.DayTimeText,
	}
	for name, fn := range jobFuncs() {
		funcs[name] = fn
	}
	return funcs
}
