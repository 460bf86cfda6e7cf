package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"careercenter/models"
)

// addCredential records a self-declared credential on the signed-in profile.
func (h *Handler) addCredential(c *fiber.Ctx) error {
	f := readForm(c, "credential", "number", "year")
	f.Name = credentialForm
	in := models.CredentialInput{Credential: f.Get("credential"), Number: f.Get("number"), Year: f.Get("year")}
	pc, err := models.AddCredential(c.UserContext(), h.DB, currentUser(c).ID, in, h.now())
	if v, ok := models.AsValidation(err); ok {
		return h.renderSavedProfile(c, fiber.StatusUnprocessableEntity, f.failed(v))
	}
	if err != nil {
		return err
	}
	return redirect(c, "/profile#credentials", "Added "+pc.Credential+". It shows as self-declared until we verify it.")
}

// deleteCredential removes one of the signed-in person's credentials; any
// other id is 404.
func (h *Handler) deleteCredential(c *fiber.Ctx) error {
	return h.deleteOwn(c, models.DeleteCredential, "/profile#credentials", "Credential deleted.")
}

// verifyCredential lets an admin mark a credential verified (the admin
// group already hides this from everyone else). The button sits on the
// candidate's page, which "next" returns to.
func (h *Handler) verifyCredential(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	pc, err := models.VerifyCredential(c.UserContext(), h.DB, currentUser(c), id)
	if err != nil {
		return err
	}
	back := localPath(c.FormValue("next"), "/candidates/"+strconv.FormatInt(pc.UserID, 10))
	return redirect(c, back, pc.Credential+" marked verified.")
}
