package sandbox

import (
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"intake/internal/indica"
)

const defaultListLimit = 100

func (s *Sandbox) createCustomer(w http.ResponseWriter, r *http.Request) {
	body, ok := readJSONBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	c := indica.Customer{}
	ch, errs := s.apply(&c, body)
	if len(errs) > 0 {
		s.mu.Unlock()
		writeInvalid(w, errs)
		return
	}
	now := s.opts.Now().UTC().Truncate(time.Second)
	s.data.NextCustomerID++
	c.ID = s.data.NextCustomerID
	c.CreatedAt, c.UpdatedAt = now, now
	if c.ManualGroups == nil {
		c.ManualGroups = []int64{}
	}
	c.Documents = []indica.Document{}
	c.Status = indica.StatusPending
	if c.StateID != "" {
		c.Status = indica.StatusVerified
	}
	s.attach(&c, ch.doc)
	s.data.Customers = append(s.data.Customers, c)
	err := s.save()
	s.mu.Unlock()
	if err != nil {
		writeMessage(w, http.StatusInternalServerError, "could not store the customer")
		return
	}
	if roll(s.opts.DropRate) {
		s.drop(r)
	}
	writeJSON(w, http.StatusCreated, c)
}

// drop holds a committed create's answer until the client gives up, then closes the connection without
// answering, as a request lost on the way back would look.
func (s *Sandbox) drop(r *http.Request) {
	s.journalDropped(r, http.StatusCreated)
	select {
	case <-r.Context().Done():
	case <-time.After(s.opts.DropHold):
	}
	panic(http.ErrAbortHandler)
}

func (s *Sandbox) patchCustomer(w http.ResponseWriter, r *http.Request) {
	body, ok := readJSONBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.customerIndexFromPath(r)
	if i < 0 {
		writeMessage(w, http.StatusNotFound, "Customer not found")
		return
	}
	c := s.data.Customers[i]
	c.ManualGroups = slices.Clone(c.ManualGroups)
	c.Documents = slices.Clone(c.Documents)
	ch, errs := s.apply(&c, body)
	if len(errs) > 0 {
		writeInvalid(w, errs)
		return
	}
	// A state ID that IndicaOnline has checked verifies the customer, on create and (assumed) on patch.
	if ch.fields[indica.FieldStateID] && c.StateID != "" {
		c.Status = indica.StatusVerified
	}
	s.attach(&c, ch.doc)
	c.UpdatedAt = s.opts.Now().UTC().Truncate(time.Second)
	s.data.Customers[i] = c
	if err := s.save(); err != nil {
		writeMessage(w, http.StatusInternalServerError, "could not store the customer")
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// attach records doc on c and marks the file as taken. Callers hold s.mu.
func (s *Sandbox) attach(c *indica.Customer, doc *indica.Document) {
	if doc == nil {
		return
	}
	c.Documents = append(c.Documents, *doc)
	if doc.DocumentType == indica.DocumentMedicalRecommendation {
		c.HasMedicalRecommendation = true
	}
	s.data.Files[s.fileIndex(doc.FieldID)].CustomerID = c.ID
}

func (s *Sandbox) customer(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.customerIndexFromPath(r)
	if i < 0 {
		writeMessage(w, http.StatusNotFound, "Customer not found")
		return
	}
	writeJSON(w, http.StatusOK, s.data.Customers[i])
}

func (s *Sandbox) customerByStateID(w http.ResponseWriter, r *http.Request) {
	stateID := r.PathValue("state_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.data.Customers {
		if c.StateID != "" && strings.EqualFold(c.StateID, stateID) {
			writeJSON(w, http.StatusOK, c)
			return
		}
	}
	writeMessage(w, http.StatusNotFound, "Customer not found")
}

func (s *Sandbox) listCustomers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	errs := fieldErrors{}
	d := decoder{errs: errs}
	day := func(name string) time.Time {
		v := q.Get(name)
		if v == "" {
			errs.add(name, "is required")
			return time.Time{}
		}
		t, _ := d.date(name, v)
		return t
	}
	number := func(name string, def, min, max int) int {
		v := q.Get(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < min || n > max {
			errs.add(name, "must be a whole number from %d to %d", min, max)
		}
		return n
	}
	start, end := day("start_date"), day("end_date")
	limit := number("limit", defaultListLimit, 1, indica.MaxListLimit)
	offset := number("offset", 0, 0, 1<<31-1)
	if len(errs) == 0 && end.Before(start) {
		errs.add("end_date", "must not be before start_date")
	}
	if len(errs) > 0 {
		writeInvalid(w, errs)
		return
	}
	s.mu.Lock()
	var matched []indica.Customer
	for _, c := range s.data.Customers {
		created := c.CreatedAt.UTC().Format(indica.DateLayout)
		if created >= start.Format(indica.DateLayout) && created <= end.Format(indica.DateLayout) {
			matched = append(matched, c)
		}
	}
	s.mu.Unlock()
	page := indica.CustomerPage{Items: []indica.Customer{}, Total: len(matched)}
	if offset < len(matched) {
		page.Items = matched[offset:min(offset+limit, len(matched))]
	}
	page.Count = len(page.Items)
	writeJSON(w, http.StatusOK, page)
}

func (s *Sandbox) customerGroups(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	groups := slices.Clone(s.data.Groups)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, groups)
}

// customerIndexFromPath finds the customer named by the {id} path value. Callers hold s.mu.
func (s *Sandbox) customerIndexFromPath(r *http.Request) int {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return -1
	}
	return s.customerIndex(id)
}

func readJSONBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	journalBody(r, body)
	if err != nil {
		writeMessage(w, http.StatusRequestEntityTooLarge, "The request body is too large")
		return nil, false
	}
	return body, true
}
