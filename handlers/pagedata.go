package handlers

import (
	"time"

	"careercenter/models"
)

// The data of pages whose handlers had passed a map: each field is what the
// page's template reads as .Data.<Field>.

type accountPage struct {
	Identities *identitiesData
}

type linkInvalidPage struct {
	Message    string
	Retry      string
	RetryLabel string
}

type adminJobsPage struct {
	Jobs     []models.Job
	Filter   models.AdminJobFilter
	Statuses []string
	Now      time.Time
}

type adminUsersPage struct {
	Users []models.User
	Query string
}

type adminCompaniesPage struct {
	Companies []models.Company
	Query     string
}

type adminDomainsPage struct {
	Domains []models.BannedDomain
}

type adminPaymentsPage struct {
	Orders []orderRow
	Older  int64
	Paged  bool
}

type newAlertPage struct {
	Describe    string
	Frequencies []models.Term
}

type alertCheckEmailPage struct {
	Email string
}

type alertConfirmedPage struct {
	Alert     *models.SavedSearch
	Frequency string
}

type alertsPage struct {
	Alerts      []models.SavedSearch
	Frequencies []models.Term
}

type unsubscribePage struct {
	Bad    bool
	Done   bool
	Alert  *models.SavedSearch
	Action string
}

type myApplicationsPage struct {
	Applications []models.Application
	Checks       map[int64]bool
	Now          time.Time
}

type billingPage struct {
	Orders []orderRow
}

type candidateTeaserPage struct {
	Headline    string
	Credentials []models.CardCredential
}

type checkoutResultPage struct {
	Order  *models.Order
	Job    *models.Job
	Paid   bool
	Amount string
}

type codesPage struct {
	Query   models.CodeQuery
	Hits    []models.CodeHit
	Counts  map[string]int
	Systems []models.Term
	Recent  []models.Code
}

type codeMissingPage struct {
	System string
	Number string
	Near   []models.Code
}

type companyPage struct {
	Company *models.Company
	Jobs    []models.Job
	LogoURL string
	Role    string
	Answers *models.Responsiveness
}

type companyFormPage struct {
	Company  *models.Company
	Action   string
	LogoURL  string
	LogoSent bool
}

type invitePage struct {
	Invite    *models.Invite
	Token     string
	CanAccept bool
	LoginURL  string
}

type membersPage struct {
	Company   *models.Company
	Members   []models.Member
	Invites   []models.Invite
	Owner     bool
	OnlyOwner bool
}

type errorShowPage struct {
	Status  int
	Message string
}

type homePage struct {
	Jobs   []models.Job
	Total  int
	Capped bool
	Saved  map[int64]bool
}

type checkEmailPage struct {
	Email string
	Reset bool
}

type pricingPage struct {
	PaymentsEnabled bool
	Standard        string
	Featured        string
	Renewal         string
	Upgrade         string
	Pro             string
}

type reportFormPage struct {
	Job     *models.Job
	Reasons []models.Term
}

type adminReportsPage struct {
	Queue []models.ReportedJob
}

type verifyDomainPage struct {
	Company *models.Company
}

type adminHomePage struct {
	Counts models.AdminCounts
}

type auditPage struct {
	Entries []models.AuditEntry
	Filter  models.AuditFilter
	Actions []string
	Next    int64
}

type reviewPage struct {
	Jobs []models.Job
}

type savedJobsPage struct {
	Jobs []models.SavedJob
}
