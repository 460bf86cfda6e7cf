package models

import "strconv"

// The checks more than one form's validation makes, as methods so every
// validator shares them instead of redeclaring them.

// TooLong records a message for field when value has more than max characters.
func (v ValidationErrors) TooLong(field, value string, max int) {
	if len([]rune(value)) > max {
		v.Add(field, "Use at most "+strconv.Itoa(max)+" characters.")
	}
}

// NotTerms records a message for field when any of values is not in vocab.
func (v ValidationErrors) NotTerms(field string, values []string, vocab []Term) {
	for _, val := range values {
		if !IsTerm(vocab, val) {
			v.Add(field, "Choose from the list.")
			return
		}
	}
}
