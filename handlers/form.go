package handlers

import (
	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// form carries what a user typed back to the page, with a message beside each
// bad field. Passwords are never echoed.
type form struct {
	Values map[string]string
	Errors models.ValidationErrors
	Error  string // a message about the whole form
	Name   string // which form of a page with several
}

// readForm copies the named fields out of the request (Fiber's values are only
// valid during the handler).
func readForm(c *fiber.Ctx, fields ...string) *form {
	f := &form{Values: map[string]string{}, Errors: models.ValidationErrors{}}
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

// failed merges a model's validation errors into the form.
func (f *form) failed(v models.ValidationErrors) *form {
	for k, msg := range v {
		f.Errors.Add(k, msg)
	}
	return f
}
