package email

import (
	"strconv"

	"careercenter/models"
)

// Order is the data of the buyer's order emails (order_paid,
// payment_failed, job_refunded) and of order_disputed; "" leaves a sentence
// out.
type Order struct {
	Base
	Name, What, Amount, Link string
	Receipt, Next, Retry     string
	JobNote                  string
	Order, Buyer             string
}

// OrderFacts is what an order email says about its order, in words the web
// layer already shows on its pages.
type OrderFacts struct {
	What, Amount, Receipt, Next, JobNote string
	Pro                                  bool // the order is the Pro subscription
}

// buyerOrder fills the buyer's order email: a Pro order is managed from the
// account page, a posting from the dashboard.
func (m *Mail) buyerOrder(buyer *models.User, f OrderFacts) *Order {
	link := m.link("/employer")
	retry := "Your job is saved and waits for payment: pay again from your dashboard."
	if f.Pro {
		link = m.link("/account")
		retry = "Nothing was charged. You can subscribe again from " + m.link("/pricing") + "."
	}
	return &Order{Name: buyer.Name, What: f.What, Amount: f.Amount, Link: link, Receipt: f.Receipt, Next: f.Next,
		Retry: retry, JobNote: f.JobNote}
}

// OrderPaid confirms a payment to its buyer.
func (m *Mail) OrderPaid(buyer *models.User, f OrderFacts) (Email, error) {
	return m.build(buyer.Email, "order_paid", "", nil, m.buyerOrder(buyer, f))
}

// OrderPaymentFailed tells the buyer a checkout's payment failed.
func (m *Mail) OrderPaymentFailed(buyer *models.User, f OrderFacts) (Email, error) {
	return m.build(buyer.Email, "payment_failed", "", nil, m.buyerOrder(buyer, f))
}

// JobRefunded tells the buyer their payment was refunded.
func (m *Mail) JobRefunded(buyer *models.User, f OrderFacts) (Email, error) {
	return m.build(buyer.Email, "job_refunded", "", nil, m.buyerOrder(buyer, f))
}

// InvoiceFailed tells a Pro subscriber a renewal's payment failed; invoice
// is Stripe's page for it, or "" for the account page.
func (m *Mail) InvoiceFailed(buyer *models.User, what, amount, invoice string) (Email, error) {
	if invoice == "" {
		invoice = m.link("/account")
	}
	return m.build(buyer.Email, "payment_failed", "", nil, &Order{Name: buyer.Name, What: what, Amount: amount,
		Link: invoice, Retry: "Stripe will try your card again over the next days; you can update it from your account."})
}

// OrderDisputed tells an admin (to) that the payment of order id is
// disputed; buyer names who paid.
func (m *Mail) OrderDisputed(to string, id int64, what, amount, buyer string) (Email, error) {
	return m.build(to, "order_disputed", "", nil, &Order{Order: strconv.FormatInt(id, 10), What: what,
		Buyer: buyer, Amount: amount, Link: m.link("/admin/payments")})
}
