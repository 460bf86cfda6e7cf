package models

import "errors"

// ErrPaymentsOff is returned by every call to the payment provider when it
// is not configured.
var ErrPaymentsOff = errors.New("payments are not configured")

// CheckoutRequest is one purchase to send to the payment provider's hosted
// page.
type CheckoutRequest struct {
	OrderID      int64
	Name         string // the line item, e.g. "Featured posting: Inpatient coder"
	AmountCents  int64
	Currency     string
	Subscription bool   // Pro: monthly, subscription mode
	CustomerID   string // an existing Stripe customer, if any
	Email        string // prefilled when there is no customer yet
	SuccessURL   string // "{CHECKOUT_SESSION_ID}" is replaced by Stripe
	CancelURL    string
}

// Checkout is the session the payment provider created.
type Checkout struct {
	SessionID string
	URL       string
}
