//! Typed query options as the generated constants of `tests/golden/query.csdl.xml` and the
//! runtime render them, each construct checked against the rule of OData's ABNF
//! (`odata-abnf-construction-rules.txt`, OData 4.01) that it instantiates, and then as
//! `Request::url` percent-encodes it: `$select`, `$expand` with nested options, `$orderby`, and
//! `$filter` with every operator and function the builder offers and a literal of every Edm type.

use odata_codegen_tests::golden::query::{models, paths, runtime};

use models::{Address, Clerk, Color, Company, Manager, Order, OrderLine, Party, Person, Weekday};
use paths::Shop;
use runtime::{it, Filter, Flags};

const ROOT: &str = "https://shop.example/v1";

fn orders() -> runtime::Request<(), runtime::Collection<Order>> {
    Shop::new().orders().list()
}

/// The `$filter` of a request of orders, as sent (percent-decoded by nothing).
fn filter(condition: Filter<Order>) -> String {
    condition.to_string()
}

#[test]
fn select_takes_property_paths() {
    // select = "$select" EQ selectItem *( COMMA selectItem ); selectItem = selectProperty /
    // selectPath "/" selectProperty / qualifiedTypeName "/" selectProperty.
    let request = orders().select((
        Order::ID,
        Order::CODE,
        Order::SHIP_TO.then(Address::CITY),
        Order::CUSTOMER.cast::<Company>().then(Company::VAT_ID),
        Order::CLERK,
    ));
    assert_eq!(
        request.url(ROOT),
        format!("{ROOT}/orders?$select=id,code,shipTo/city,customer/Demo.Shop.Company/vatId,clerk")
    );
    // One property alone, an array of one type, a `Vec`, text as given; a later `select`
    // replaces an earlier one.
    assert_eq!(orders().select(Order::ID).query[0].1, "id");
    assert_eq!(
        orders().select([Order::CODE, Order::TYPE]).query[0].1,
        "code,type"
    );
    assert_eq!(
        orders().select(vec![Order::CODE, Order::TYPE_NAME_2]).query[0].1,
        "code,typeName"
    );
    assert_eq!(orders().select(["id", "code"]).query[0].1, "id,code");
    assert_eq!(orders().select(&["id", "code"][..]).query[0].1, "id,code");
    assert_eq!(
        orders().select(Order::ID).select("code").query,
        [("$select".to_owned(), "code".to_owned())]
    );
}

#[test]
fn constants_keep_wire_names_and_are_typed_by_their_values() {
    // A property that would shadow `Structured::TYPE_NAME` is numbered; its wire name stays.
    assert_eq!(Order::TYPE_NAME_2.as_str(), "typeName");
    assert_eq!(<Order as runtime::Structured>::TYPE_NAME, "Demo.Shop.order");
    assert_eq!(Order::TYPE.as_str(), "type");
    assert_eq!(Order::DELIVERY_DAYS.as_str(), "deliveryDays");
    // Derived types carry their inherited properties too.
    assert_eq!(Manager::NAME.as_str(), "name");
    assert_eq!(Person::NAME.as_str(), "name");
}

#[test]
fn properties_of_derived_types_are_qualified_by_their_type() {
    // selectItem = optionallyQualifiedEntityTypeName "/" selectProperty: a property of a derived
    // type on a query of its base type.
    let request = Shop::new()
        .clerks()
        .list()
        .select((Clerk::NAME, Manager::LEVEL.for_base::<Clerk>()))
        .order_by(Manager::LEVEL.for_base::<Clerk>().desc());
    assert_eq!(
        request.url(ROOT),
        format!(
            "{ROOT}/clerks?$select=name,Demo.Shop.manager/level&$orderby=Demo.Shop.manager/level%20desc"
        )
    );
}

#[test]
fn expand_with_nested_options() {
    // expand = "$expand" EQ expandItem *( COMMA expandItem );
    // expandPath = navigationProperty [ OPEN expandOption *( SEMI expandOption ) CLOSE ];
    // expandOption = select / filter / orderby / skip / top / inlinecount / search / expand / levels.
    let request = orders().expand((
        Order::LINES
            .select((OrderLine::ID, OrderLine::PRODUCT))
            .filter(OrderLine::QUANTITY.gt(1))
            .order_by((OrderLine::PRICE.desc(), OrderLine::ID))
            .top(5)
            .skip(1)
            .with_count(),
        Order::CLERK.expand(Clerk::ORDERS.select(Order::ID)),
    ));
    let expand = "lines($select=id,product;$filter=quantity gt 1;$orderby=price desc,id;\
                  $top=5;$skip=1;$count=true),clerk($expand=orders($select=id))";
    assert_eq!(request.query, [("$expand".to_owned(), expand.to_owned())]);
    // EQ = "=" inside the value stays verbatim; SEMI = ";" / "%3B" and RWS = "%20" are encoded.
    assert_eq!(
        request.url(ROOT),
        format!(
            "{ROOT}/orders?$expand=lines($select=id,product%3B$filter=quantity%20gt%201%3B\
             $orderby=price%20desc,id%3B$top=5%3B$skip=1%3B$count=true),\
             clerk($expand=orders($select=id))"
        )
    );
    // A navigation property alone, and text as given.
    assert_eq!(orders().expand(Order::CLERK).query[0].1, "clerk");
    assert_eq!(orders().expand("lines($top=1)").query[0].1, "lines($top=1)");
    // levels = "$levels" EQ ( oneToNine *DIGIT / "max" ); a later option of the same name
    // replaces the earlier one.
    let reports = Shop::new().clerks().as_manager().list().expand((
        Manager::REPORTS.levels(2).all_levels(),
        Manager::ORDERS.search("blue"),
    ));
    assert_eq!(
        reports.query[0].1,
        "reports($levels=max),orders($search=blue)"
    );
}

#[test]
fn order_by_expressions_and_directions() {
    // orderby = "$orderby" EQ orderbyItem *( COMMA orderbyItem );
    // orderbyItem = commonExpr [ RWS ( "asc" / "desc" ) ]
    let request = orders().order_by((
        Order::PLACED.desc(),
        Order::CODE,
        Order::PRIORITY.add(1).asc(),
        Order::SHIP_TO.then(Address::CITY),
    ));
    assert_eq!(
        request.query[0].1,
        "placed desc,code,priority add 1 asc,shipTo/city"
    );
    assert_eq!(
        request.url(ROOT),
        format!("{ROOT}/orders?$orderby=placed%20desc,code,priority%20add%201%20asc,shipTo/city")
    );
    assert_eq!(orders().order_by("code desc").query[0].1, "code desc");
}

#[test]
fn comparisons_and_literals_of_every_edm_type() {
    // eqExpr = RWS "eq" RWS commonExpr (and ne, lt, le, gt, ge); each value is written as the
    // primitiveLiteral of the property's type.
    let guid: uuid::Uuid = "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap();
    let placed = chrono::DateTime::parse_from_rfc3339("2024-01-31T10:00:00.5+01:00").unwrap();
    let cases = [
        // stringLiteral = SQUOTE *( SQUOTE-in-string / pchar-no-SQUOTE ) SQUOTE
        (Order::CODE.eq("it's"), "code eq 'it''s'"),
        (Order::CODE.ne(String::from("a")), "code ne 'a'"),
        // int32Value, int64Value, decimalValue, doubleValue
        (Order::PRIORITY.gt(-5), "priority gt -5"),
        (
            Order::QUANTITY.ge(10_000_000_000),
            "quantity ge 10000000000",
        ),
        (
            Order::TOTAL.lt("12.50".parse::<runtime::Decimal>().unwrap()),
            "total lt 12.50",
        ),
        (Order::TOTAL.le(3), "total le 3"),
        (Order::WEIGHT.lt(2.5), "weight lt 2.5"),
        (Order::WEIGHT.ne(f64::INFINITY), "weight ne INF"),
        // booleanValue
        (Order::PAID.eq(true), "paid eq true"),
        // guidValue (unquoted)
        (
            Order::REFERENCE.eq(guid),
            "reference eq 0f8fad5b-d9cb-469f-a165-70867728950e",
        ),
        // dateTimeOffsetValue, dateValue, timeOfDayValue, duration
        (
            Order::PLACED.lt(placed),
            "placed lt 2024-01-31T10:00:00.500+01:00",
        ),
        (
            Order::PLACED.ge(chrono::DateTime::from_timestamp(0, 0).unwrap()),
            "placed ge 1970-01-01T00:00:00Z",
        ),
        (
            Order::DUE.eq(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()),
            "due eq 2024-02-29",
        ),
        (
            Order::PICKUP.lt(chrono::NaiveTime::from_hms_opt(7, 30, 0).unwrap()),
            "pickup lt 07:30:00",
        ),
        (
            Order::LEAD_TIME.gt(std::time::Duration::from_secs(90)),
            "leadTime gt duration'PT1M30S'",
        ),
        // enumLiteral = qualifiedEnumTypeName SQUOTE singleEnumLiteral SQUOTE
        (
            Order::COLOR.eq(Color::Green),
            "color eq Demo.Shop.color'green'",
        ),
        (
            Order::DELIVERY_DAYS.eq(Flags(vec![Weekday::Monday, Weekday::Wednesday])),
            "deliveryDays eq Demo.Shop.weekday'monday,wednesday'",
        ),
        // Another expression of the same type on the right.
        (
            Order::PRIORITY.lt(Order::CODE.length()),
            "priority lt length(code)",
        ),
        // eq null
        (Order::CODE.is_null(), "code eq null"),
        (Order::CUSTOMER.is_not_null(), "customer ne null"),
    ];
    for (condition, expected) in cases {
        assert_eq!(filter(condition), expected);
    }
}

#[test]
fn expressions_compare_with_expressions() {
    assert_eq!(
        filter(Order::QUANTITY.gt(Order::QUANTITY.add(1))),
        "quantity gt quantity add 1"
    );
    assert_eq!(
        filter(
            Order::SHIP_TO
                .then(Address::CITY)
                .eq(Order::SHIP_TO.then(Address::STREET))
        ),
        "shipTo/city eq shipTo/street"
    );
}

#[test]
fn logical_operators_and_precedence() {
    // andExpr = RWS "and" RWS boolCommonExpr; orExpr; notExpr = "not" RWS boolCommonExpr;
    // parenExpr = OPEN BWS commonExpr BWS CLOSE. An operand that binds less tightly than its
    // operator (URL conventions, operator precedence) is parenthesized, and only then.
    let a = Order::PAID.eq(true);
    let b = Order::CODE.eq("x");
    let c = Order::PRIORITY.gt(1);
    assert_eq!(
        filter(a.and(b.clone()).and(c.clone())),
        "paid eq true and code eq 'x' and priority gt 1"
    );
    assert_eq!(
        filter(a.and(b.or(c.clone()))),
        "paid eq true and (code eq 'x' or priority gt 1)"
    );
    assert_eq!(
        filter(a.or(b.and(c.clone()))),
        "paid eq true or code eq 'x' and priority gt 1"
    );
    assert_eq!(
        filter(a.or(b.clone()).and(c.clone())),
        "(paid eq true or code eq 'x') and priority gt 1"
    );
    assert_eq!(filter(a.not()), "not (paid eq true)");
    assert_eq!(filter(Order::PAID.not()), "not paid");
    assert_eq!(
        filter(a.or(b).not().and(c)),
        "not (paid eq true or code eq 'x') and priority gt 1"
    );
    // A Boolean property is a filter by itself.
    assert_eq!(orders().filter(Order::PAID).query[0].1, "paid");
}

#[test]
fn arithmetic() {
    // addExpr = RWS "add" RWS commonExpr (sub, mul, div, mod): multiplicative binds tighter
    // than additive; a non-associative right operand of equal precedence is parenthesized.
    let p = Order::PRIORITY;
    assert_eq!(filter(p.add(1).mul(2).eq(8)), "(priority add 1) mul 2 eq 8");
    assert_eq!(filter(p.mul(2).add(1).eq(7)), "priority mul 2 add 1 eq 7");
    assert_eq!(
        filter(p.sub(p.sub(1)).eq(1)),
        "priority sub (priority sub 1) eq 1"
    );
    assert_eq!(
        filter(p.add(p.add(1)).eq(1)),
        "priority add priority add 1 eq 1"
    );
    assert_eq!(
        filter(p.div(2).modulo(3).eq(0)),
        "priority div 2 mod 3 eq 0"
    );
    assert_eq!(
        filter(p.modulo(p.div(2)).eq(0)),
        "priority mod (priority div 2) eq 0"
    );
    assert_eq!(
        filter(Order::WEIGHT.mul(1.5).le(3.0)),
        "weight mul 1.5 le 3"
    );
    assert_eq!(filter(Order::TOTAL.sub(1).gt(0)), "total sub 1 gt 0");
}

#[test]
fn string_functions() {
    // startsWithMethodCallExpr = "startswith" OPEN BWS commonExpr BWS COMMA BWS commonExpr BWS
    // CLOSE (endswith, contains, tolower, toupper, length alike).
    assert_eq!(
        filter(Order::CODE.starts_with("A&B")),
        "startswith(code,'A&B')"
    );
    assert_eq!(filter(Order::CODE.ends_with("'")), "endswith(code,'''')");
    assert_eq!(filter(Order::CODE.contains("x")), "contains(code,'x')");
    assert_eq!(
        filter(Order::CODE.to_lower().starts_with(Order::TYPE.to_upper())),
        "startswith(tolower(code),toupper(type))"
    );
    assert_eq!(filter(Order::CODE.length().gt(3)), "length(code) gt 3");
    assert_eq!(
        filter(Order::SHIP_TO.then(Address::CITY).contains("o").not()),
        "not contains(shipTo/city,'o')"
    );
}

#[test]
fn in_and_has() {
    // inExpr = RWS "in" RWS listExpr; listExpr = OPEN BWS [ primitiveLiteral BWS *( COMMA BWS
    // primitiveLiteral BWS ) ] CLOSE
    assert_eq!(
        filter(Order::CODE.is_in(["a", "b'c"])),
        "code in ('a','b''c')"
    );
    assert_eq!(
        filter(Order::PRIORITY.is_in([1, 2, 3])),
        "priority in (1,2,3)"
    );
    assert_eq!(
        filter(Order::COLOR.is_in([Color::Red, Color::Green])),
        "color in (Demo.Shop.color'red',Demo.Shop.color'green')"
    );
    assert_eq!(
        filter(Order::PRIORITY.add(1).is_in([2])),
        "(priority add 1) in (2)"
    );
    // hasExpr = RWS "has" RWS enumLiteral
    assert_eq!(
        filter(Order::DELIVERY_DAYS.has(Weekday::Tuesday)),
        "deliveryDays has Demo.Shop.weekday'tuesday'"
    );
    assert_eq!(
        filter(Order::DELIVERY_DAYS.has(Weekday::Monday).eq(false)),
        "(deliveryDays has Demo.Shop.weekday'monday') eq false"
    );
}

#[test]
fn lambdas_over_collections() {
    // anyExpr = "any" OPEN BWS [ lambdaVariableExpr BWS COLON BWS lambdaPredicateExpr ] BWS
    // CLOSE; allExpr likewise; the variable is an odataIdentifier, used as a path's first
    // segment (firstMemberExpr = inscopeVariableExpr [ "/" memberExpr ]).
    assert_eq!(
        filter(Order::TAGS.any(|t| t.eq("red"))),
        "tags/any(x0:x0 eq 'red')"
    );
    assert_eq!(
        filter(Order::ADDRESSES.all(|a| a.then(Address::CITY).ne("Oslo"))),
        "addresses/all(x0:x0/city ne 'Oslo')"
    );
    assert_eq!(
        filter(Order::LINES.any(|l| {
            l.then(OrderLine::QUANTITY)
                .gt(2)
                .and(l.then(OrderLine::PRODUCT).starts_with("p"))
        })),
        "lines/any(x0:x0/quantity gt 2 and startswith(x0/product,'p'))"
    );
    assert_eq!(filter(Order::TAGS.is_not_empty()), "tags/any()");
    // Nested lambdas get distinct variables; the outer instance's properties stay unprefixed.
    let nested = Clerk::ORDERS.any(|o| {
        o.then(Order::LINES)
            .all(|l| l.then(OrderLine::PRODUCT).ne(Clerk::NAME))
    });
    assert_eq!(
        nested.to_string(),
        "orders/any(x0:x0/lines/all(x1:x1/product ne name))"
    );
    // A variable name is free again after its lambda.
    assert_eq!(
        filter(
            Order::TAGS
                .any(|t| t.eq("a"))
                .or(Order::TAGS.all(|t| t.ne("b")))
        ),
        "tags/any(x0:x0 eq 'a') or tags/all(x0:x0 ne 'b')"
    );
    // collectionPathExpr = count
    assert_eq!(filter(Order::LINES.count().gt(2)), "lines/$count gt 2");
}

#[test]
fn type_tests_and_casts() {
    // isofExpr = "isof" OPEN BWS [ commonExpr BWS COMMA BWS ] optionallyQualifiedTypeName BWS CLOSE
    assert_eq!(
        filter(Order::CUSTOMER.is_of::<Company>()),
        "isof(customer,Demo.Shop.Company)"
    );
    assert_eq!(
        it::<Clerk>().is_of::<Manager>().to_string(),
        "isof(Demo.Shop.manager)"
    );
    // complexPathExpr = "/" optionallyQualifiedComplexTypeName [ "/" directMemberExpr ]
    assert_eq!(
        filter(
            Order::CUSTOMER
                .cast::<Person>()
                .then(Person::BIRTHDAY)
                .lt(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap())
        ),
        "customer/Demo.Shop.Person/birthday lt 2000-01-01"
    );
    assert_eq!(
        filter(Order::CUSTOMER.then(Party::NAME).eq("ACME")),
        "customer/name eq 'ACME'"
    );
}

#[test]
fn raw_text_is_an_escape_hatch() {
    // Text is taken as given, and parenthesized when combined, whatever it holds.
    let raw = Filter::<Order>::raw("geo.distance(location,geography'SRID=0;Point(1 2)') lt 5");
    assert_eq!(
        filter(raw.and(Order::PAID.eq(true))),
        "(geo.distance(location,geography'SRID=0;Point(1 2)') lt 5) and paid eq true"
    );
    assert_eq!(
        orders().filter("code eq 'a'").query[0],
        ("$filter".to_owned(), "code eq 'a'".to_owned())
    );
    assert_eq!(orders().filter(String::from("paid")).query[0].1, "paid");
}

#[test]
fn filters_are_percent_encoded_in_urls() {
    // Query values: RWS as %20, `&`, `#`, `+`, `%` and non-ASCII encoded; `'`, `(`, `)`, `,`,
    // `/`, `:`, `$`, `=` verbatim.
    let placed = chrono::DateTime::parse_from_rfc3339("2024-01-31T10:00:00+01:00").unwrap();
    let request = orders()
        .filter(
            Order::CODE
                .eq("a&b=c+d#é%")
                .and(Order::PLACED.lt(placed))
                .and(Order::TAGS.any(|t| t.eq("x"))),
        )
        .top(2)
        .skip(4)
        .with_count()
        .search("\"blue car\"");
    assert_eq!(
        request.url(ROOT),
        format!(
            "{ROOT}/orders?$filter=code%20eq%20'a%26b=c%2Bd%23%C3%A9%25'%20and%20\
             placed%20lt%202024-01-31T10:00:00%2B01:00%20and%20tags/any(x0:x0%20eq%20'x')\
             &$top=2&$skip=4&$count=true&$search=%22blue%20car%22"
        )
    );
}

#[test]
fn queries_of_polymorphic_and_single_values() {
    // A request of the `Any…` enum (`clerks` has a derived type) takes the base type's
    // constants; a request of one entity does too.
    let clerks = Shop::new()
        .clerks()
        .list()
        .filter(Clerk::NAME.starts_with("A"));
    assert_eq!(clerks.query[0].1, "startswith(name,'A')");
    let one = Shop::new()
        .orders()
        .by_id(7)
        .get()
        .select(Order::CODE)
        .expand(Order::LINES.select(OrderLine::ID));
    assert_eq!(
        one.url(ROOT),
        format!("{ROOT}/orders/7?$select=code&$expand=lines($select=id)")
    );
}
