"""Creates the demo organization through the public API (once) and prints demo.env lines."""
import json, os, urllib.parse, urllib.request

URL = os.environ["PARTIES_URL"]
ADMIN = os.environ["PARTIES_ADMIN_KEY"]


def call(method, path, key, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + urllib.parse.quote(path), data=data, method=method,
                                     headers={"Authorization": f"Api-Key {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


org = call("POST", "/admin/organizations", ADMIN,
           {"name": "Demo Trading", "admin": {"id": "alice", "name": "Alice", "email": "alice@demo.test"}})
key = org["apiKey"]
call("POST", "/admin/users", key, {"id": "bob", "name": "Bob", "email": "bob@demo.test", "role": "bookkeeper"})
call("POST", "/admin/users", key, {"id": "carol", "name": "Carol", "email": "carol@demo.test", "role": "member"})
call("PUT", "/admin/settings", key, {"plan": "Large", "defaultCountry": "IR"})
call("PUT", "/admin/payment-terms/30 days", key, {"active": True})
call("PUT", "/admin/tax-rules/Tax on Purchases", key, {"forPurchases": True, "active": True})
call("PUT", "/admin/accounts/2000", key, {"accountPayable": True, "active": True})
call("PUT", "/admin/attribute-sets/Default", key, {})
call("PUT", "/admin/party-sub-types/private_company", key, {"name": "Private company"})
call("PUT", "/admin/party-roles/distributor", key, {"name": "Distributor"})
call("PUT", "/admin/flex-fields/fasttrack", key, {"type": "VARCHAR"})
call("PUT", "/admin/flex-fields/hinge", key, {"type": "DATETIME"})
call("PUT", "/admin/flex-fields/tier", key, {"type": "DROPDOWN", "options": [{"id": "gold", "label": "Gold"}, {"id": "silver", "label": "Silver"}]})
call("PUT", "/admin/flex-fields/credit-limit", key, {"type": "NUMERIC"})
call("POST", "/api/parties/", key, {"number": "1001", "party_type": "individual", "first_name": "Jane", "last_name": "Doe",
                                     "role": "customer", "mobile": "09121001234", "national_code": "0021234001"})
call("POST", "/api/parties/", key, {"number": "1002", "party_type": "organization", "legal_name": "Acme Trading",
                                     "role": "vendor", "sub_type": "private_company",
                                     "addresses": [{"address_type": "billing", "city": "تهران", "address": "خیابان آزادی، پلاک ۱",
                                                    "postal_code": "1344654114", "is_default": True}]})
call("POST", "/api/parties/", key, {"number": "1003", "party_type": "organization", "legal_name": "Globex Supplies",
                                     "role": "customer_and_vendor"})
print(f"PARTIES_URL={URL}")
print(f"PARTIES_API_KEY={key}")
print(f"PARTIES_ACCOUNT_ID={org['accountId']}")
print(f"PARTIES_ADMIN_KEY={ADMIN}")
