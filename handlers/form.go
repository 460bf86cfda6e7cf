package handlers

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// form carries what a user typed back to the page, with a message beside each
// bad field. Passwords are never echoed.
type form struct {
	Values map[string]string
	Errors models.ValidationErrors
	Error  string   // a message about the whole form
	Name   string   // which form of a page with several
	order  []string // the fields as the page lists them, for the error summary
}

// readForm copies the named fields out of the request (Fiber's values are only
// valid during the handler).
func readForm(c *fiber.Ctx, fields ...string) *form {
	f := &form{Values: map[string]string{}, Errors: models.ValidationErrors{}, order: fields}
	for _, name := range fields {
		f.Values[name] = string([]byte(c.FormValue(name)))
	}
	return f
}

// Get returns a field's value.
func (f *form) Get(name string) string { return f.Values[name] }

// Err returns the message for a field.
func (f *form) Err(name string) string { return f.Errors[name] }

// HasErrors tells the template to show the summary.
func (f *form) HasErrors() bool { return len(f.Errors) > 0 || f.Error != "" }

// fieldError is one entry of the error summary.
type fieldError struct{ Name, Message string }

// ErrorList lists the field errors in the order of the form's fields (those
// it did not read last, by name), for the summary at the top of the form.
func (f *form) ErrorList() []fieldError {
	var out []fieldError
	for _, name := range f.order {
		if msg, ok := f.Errors[name]; ok {
			out = append(out, fieldError{name, msg})
		}
	}
	rest := make([]string, 0, len(f.Errors))
	for name := range f.Errors {
		if !slices.Contains(f.order, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		out = append(out, fieldError{name, f.Errors[name]})
	}
	return out
}

// failed merges a model's validation errors into the form.
func (f *form) failed(v models.ValidationErrors) *form {
	for k, msg := range v {
		f.Errors.Add(k, msg)
	}
	return f
}
