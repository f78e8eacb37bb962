package indica

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeout bounds a call whose context has no deadline of its own.
const DefaultTimeout = 20 * time.Second

// maxAnswerBytes bounds how much of an answer the client reads.
const maxAnswerBytes = 16 << 20

// Client calls the IndicaOnline Open API. It is safe for concurrent use.
type Client struct {
	baseURL   *url.URL
	apiKey    string
	keyHeader string
	http      *http.Client
	timeout   time.Duration
	userAgent string
	now       func() time.Time
}

// Option adjusts a Client.
type Option func(*Client)

// WithHTTPClient makes the client send its requests through h.
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithAPIKeyHeader names the header that carries the API key.
func WithAPIKeyHeader(name string) Option { return func(c *Client) { c.keyHeader = name } }

// WithTimeout bounds each call whose context has no deadline.
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// WithUserAgent sets the User-Agent of every request.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// New answers a client for the API at baseURL (scheme and host, no path), authenticating with apiKey.
func New(baseURL, apiKey string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("indica: base URL %q is not an http(s) URL", baseURL)
	}
	if apiKey == "" {
		return nil, errors.New("indica: API key is empty")
	}
	c := &Client{
		baseURL:   u,
		apiKey:    apiKey,
		keyHeader: DefaultAPIKeyHeader,
		http:      &http.Client{},
		timeout:   DefaultTimeout,
		userAgent: "Intake",
		now:       time.Now,
	}
	for _, opt := range opts {
		opt(c)
	}
	return c, nil
}

// CreateCustomer creates a customer. IndicaOnline answers it Pending, or Verified when a state ID is given.
func (c *Client) CreateCustomer(ctx context.Context, nc NewCustomer) (*Customer, error) {
	if nc.ManualGroups == nil {
		nc.ManualGroups = []int64{} // required, and [] is allowed where null is not
	}
	var out Customer
	if err := c.sendJSON(ctx, http.MethodPost, PathCustomers, nc, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PatchCustomer changes the given fields of customer id (PRO tariff).
func (c *Client) PatchCustomer(ctx context.Context, id int64, patch CustomerPatch) (*Customer, error) {
	var out Customer
	if err := c.sendJSON(ctx, http.MethodPatch, customerPath(id), patch, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AttachDocuments attaches uploaded files to customer id, one request per document, and answers the
// customer as it stands after the last one. This is the one place that knows how documents beyond the
// first reach a customer.
func (c *Client) AttachDocuments(ctx context.Context, id int64, docs ...Document) (*Customer, error) {
	if len(docs) == 0 {
		return nil, errors.New("indica: no documents to attach")
	}
	var customer *Customer
	for _, d := range docs {
		var err error
		customer, err = c.PatchCustomer(ctx, id, CustomerPatch{FieldID: d.FieldID, DocumentType: d.DocumentType})
		if err != nil {
			return nil, fmt.Errorf("attach file %d: %w", d.FieldID, err)
		}
	}
	return customer, nil
}

// Customer answers customer id (PRO tariff).
func (c *Client) Customer(ctx context.Context, id int64) (*Customer, error) {
	var out Customer
	if err := c.do(ctx, http.MethodGet, customerPath(id), nil, "", &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CustomerByStateID answers the customer holding the given state ID (PRO tariff).
func (c *Client) CustomerByStateID(ctx context.Context, stateID string) (*Customer, error) {
	var out Customer
	if err := c.do(ctx, http.MethodGet, PathCustomerByStateID+"/"+url.PathEscape(stateID), nil, "", &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListCustomers answers the customers created between q.Start and q.End, both days included.
func (c *Client) ListCustomers(ctx context.Context, q CustomerQuery) (*CustomerPage, error) {
	limit := q.Limit
	if limit <= 0 || limit > MaxListLimit {
		limit = MaxListLimit
	}
	v := url.Values{}
	v.Set("start_date", q.Start.Format(DateLayout))
	v.Set("end_date", q.End.Format(DateLayout))
	v.Set("limit", strconv.Itoa(limit))
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	var out CustomerPage
	if err := c.do(ctx, http.MethodGet, PathCustomers+"?"+v.Encode(), nil, "", &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CustomerGroups answers the store's customer groups, manual and automatic.
func (c *Client) CustomerGroups(ctx context.Context) ([]Group, error) {
	var out []Group
	if err := c.do(ctx, http.MethodGet, PathCustomerGroups, nil, "", &out); err != nil {
		return nil, err
	}
	return out, nil
}

// UploadFile sends one file and answers its id, to be used as a customer's field_id. contentType is the
// file's real type (image/jpeg, image/png or application/pdf).
func (c *Client) UploadFile(ctx context.Context, name, contentType string, content io.Reader) (*File, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, UploadFormField, name))
	h.Set("Content-Type", contentType)
	part, err := mw.CreatePart(h)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(part, content); err != nil {
		return nil, fmt.Errorf("indica: read file to upload: %w", err)
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	var out File
	if err := c.do(ctx, http.MethodPost, PathFileUpload, &body, mw.FormDataContentType(), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func customerPath(id int64) string {
	return PathCustomers + "/" + strconv.FormatInt(id, 10)
}

func (c *Client) sendJSON(ctx context.Context, method, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("indica: encode request: %w", err)
	}
	return c.do(ctx, method, path, bytes.NewReader(body), "application/json", out)
}

// do sends one request and decodes a 2xx answer into out, or turns any other answer into an error that
// wraps the sentinel for its status.
func (c *Client) do(ctx context.Context, method, pathAndQuery string, body io.Reader, contentType string, out any) error {
	if _, ok := ctx.Deadline(); !ok && c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL.String()+pathAndQuery, body)
	if err != nil {
		return fmt.Errorf("indica: build request: %w", err)
	}
	req.Header.Set(c.keyHeader, c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %s %s: %w", ErrUnavailable, method, stripQuery(pathAndQuery), err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	if err != nil {
		return fmt.Errorf("%w: %s %s: read answer: %w", ErrUnavailable, method, stripQuery(pathAndQuery), err)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if out == nil {
			return nil
		}
		if err := json.Unmarshal(raw, out); err != nil {
			return &APIError{StatusCode: resp.StatusCode, Message: "answer is not the expected JSON", Body: raw}
		}
		return nil
	}
	return c.answerError(resp, raw)
}

func (c *Client) answerError(resp *http.Response, raw []byte) error {
	var shape struct {
		Message string                     `json:"message"`
		Errors  map[string]json.RawMessage `json:"errors"`
	}
	_ = json.Unmarshal(raw, &shape) // parse loosely; the raw body is kept either way
	if resp.StatusCode == http.StatusUnprocessableEntity && len(shape.Errors) > 0 {
		return &ValidationError{Message: orDefault(shape.Message, "Validation failed"), Fields: fieldMessages(shape.Errors)}
	}
	return &APIError{
		StatusCode: resp.StatusCode,
		Message:    shape.Message,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()),
		Body:       raw,
	}
}

// fieldMessages reads each field's messages whether IndicaOnline sent a list or a single string.
func fieldMessages(in map[string]json.RawMessage) map[string][]string {
	out := make(map[string][]string, len(in))
	for field, raw := range in {
		var list []string
		if err := json.Unmarshal(raw, &list); err == nil {
			out[field] = list
			continue
		}
		var one string
		if err := json.Unmarshal(raw, &one); err == nil {
			out[field] = []string{one}
			continue
		}
		out[field] = []string{strings.TrimSpace(string(raw))}
	}
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func stripQuery(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		return p[:i]
	}
	return p
}
