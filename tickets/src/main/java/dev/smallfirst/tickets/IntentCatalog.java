package dev.smallfirst.tickets;

import static dev.smallfirst.tickets.Sentiment.NEGATIVE;

import java.util.List;

/**
 * The phrase bank behind {@link Intent#all()}: the Bitext customer-support taxonomy, with phrasings
 * and replies written for this generator. Data only.
 */
final class IntentCatalog {

  private IntentCatalog() {}

  static final List<Intent> INTENTS =
      List.of(
          new Intent(
              "cancel_order",
              "order",
              5,
              null,
              List.of(
                  "Please cancel order {ORDER}.",
                  "I don't need the {PRODUCT} anymore, can you cancel my order?",
                  "Can I still cancel order {ORDER}? I ordered it by mistake.",
                  "cancel my order pls",
                  "How do I cancel the order I placed on {DATE}?",
                  "i want to cancel order {ORDER} before it ships",
                  "Is it possible to call off my purchase of the {PRODUCT}?",
                  "I paid {AMOUNT} for order {ORDER} yesterday, please cancel it."),
              List.of("please cancel order {ORDER}.", "I'd like to cancel the {PRODUCT} order."),
              List.of(
                  "Order {ORDER} can be cancelled until it ships: open it under Account > Orders"
                      + " and choose Cancel order; the {AMOUNT} hold on your card is released once"
                      + " the cancellation is confirmed.",
                  "To cancel order {ORDER}, open it under Account > Orders and choose Cancel order;"
                      + " you'll get a confirmation e-mail and won't be charged.",
                  "You can cancel your order under Account > Orders as long as it hasn't shipped;"
                      + " you'll get a confirmation e-mail when the cancellation goes through.")),
          new Intent(
              "change_order",
              "order",
              4,
              null,
              List.of(
                  "I need to change the size on order {ORDER} before it ships.",
                  "Can I add a second {PRODUCT} to order {ORDER}?",
                  "Please swap the colour of the {PRODUCT} in my order {ORDER}.",
                  "Is it too late to modify order {ORDER}?",
                  "I ordered the wrong {PRODUCT}, can I change it?",
                  "how can i edit my order from {DATE}",
                  "want to remove an item from order {ORDER}"),
              List.of(
                  "can I still change order {ORDER}?",
                  "I'd also like to change something in my order."),
              List.of(
                  "Order {ORDER} can be changed until it ships: open it under Account > Orders and"
                      + " choose Edit order to change the {PRODUCT}.",
                  "You can change order {ORDER} under Account > Orders until it ships; if the Edit"
                      + " button is gone, reply here and our orders team will check what is still"
                      + " possible.",
                  "You can change your order under Account > Orders until it ships; if the Edit"
                      + " button is gone, reply here and our orders team will check what is still"
                      + " possible.")),
          new Intent(
              "place_order",
              "order",
              3,
              null,
              List.of(
                  "I'd like to place an order for the {PRODUCT}.",
                  "How do I buy the {PRODUCT} on your website?",
                  "Can I order the {PRODUCT} by phone?",
                  "I want to buy the {PRODUCT} for {AMOUNT}, where do I start?",
                  "how do i purchase something from you",
                  "I want to get the {PRODUCT}, how do I order it?",
                  "Is it possible to make an order without an account?",
                  "need help ordering a few items"),
              List.of("I'd also like to order the {PRODUCT}.", "how do I place a new order?"),
              List.of(
                  "To order the {PRODUCT}, add it to your basket from its product page and choose"
                      + " Checkout; you'll get a confirmation e-mail with your order number.",
                  "You can place an order by adding items to your basket and choosing Checkout;"
                      + " you'll get a confirmation e-mail with your order number.")),
          new Intent(
              "track_order",
              "order",
              6,
              null,
              List.of(
                  "Where is my order {ORDER}?",
                  "Can you tell me the status of order {ORDER}?",
                  "I placed an order for the {PRODUCT} on {DATE} and haven't heard anything since.",
                  "Has order {ORDER} shipped yet?",
                  "I'd like an update on my {PRODUCT} order please.",
                  "my order {ORDER} still hasnt moved, any update?",
                  "How can I track my package?",
                  "when will order {ORDER} arrive"),
              List.of(
                  "can you also check where order {ORDER} is?",
                  "what's the status of my {PRODUCT} order?"),
              List.of(
                  "You can follow order {ORDER} under Account > Orders > Track; the courier's link"
                      + " there shows where your {PRODUCT} is right now.",
                  "You can follow order {ORDER} under Account > Orders > Track; the page shows the"
                      + " courier's latest scan and the expected delivery day.",
                  "You can follow your order under Account > Orders > Track; the page shows the"
                      + " courier's latest scan and the expected delivery day.")),
          new Intent(
              "change_shipping_address",
              "shipping_address",
              4,
              null,
              List.of(
                  "I entered the wrong shipping address for order {ORDER}.",
                  "Can you change the delivery address on order {ORDER}?",
                  "I moved to {CITY}, please ship the {PRODUCT} to my new address.",
                  "how do i update my shipping adress",
                  "I need to fix a typo in my street name before order {ORDER} goes out.",
                  "Please send my parcel to my office instead of my home."),
              List.of(
                  "the address on order {ORDER} needs changing too.",
                  "I also need to update my shipping address."),
              List.of(
                  "You can change the address of order {ORDER} under Account > Orders > Delivery"
                      + " details until it ships; the courier uses whatever is saved there.",
                  "You can change your saved shipping address under Account > Addresses; orders"
                      + " that haven't shipped can be updated under Account > Orders > Delivery"
                      + " details.")),
          new Intent(
              "set_up_shipping_address",
              "shipping_address",
              3,
              null,
              List.of(
                  "How do I add a shipping address to my account?",
                  "I want to save a second delivery address for gifts.",
                  "can't find where to enter my shipping address",
                  "Please help me set up a default shipping address.",
                  "The form won't let me save a new address in {CITY}.",
                  "I'm trying to add an address in {COUNTRY} but it's not in the list."),
              List.of(
                  "I'd also like to add a new shipping address.", "how do I save another address?"),
              List.of(
                  "You can add a shipping address under Account > Addresses > Add address and mark"
                      + " it as default; checkout will offer it from then on.",
                  "To save a new address, go to Account > Addresses and choose Add address; if the"
                      + " form still refuses it, reply with the error you see and we'll look into"
                      + " it.")),
          new Intent(
              "check_cancellation_fee",
              "cancellation_fee",
              3,
              null,
              List.of(
                  "Is there a fee if I cancel my {ACCOUNT} plan?",
                  "How much does it cost to cancel order {ORDER}?",
                  "what's the early termination fee",
                  "Will I be charged anything for cancelling before {DATE}?",
                  "Do you charge a penalty for ending my contract early?",
                  "I want to know the cancellation charges before I decide.",
                  "Would I lose the {AMOUNT} I paid if I cancel now?"),
              List.of("is there a cancellation fee?", "how much would cancelling cost me?"),
              List.of(
                  "Orders can be cancelled free of charge until they ship; any fee for order"
                      + " {ORDER} is shown under Account > Orders before you confirm.",
                  "The cancellation fee depends on your plan and on when you cancel; the exact"
                      + " amount is shown under Account > Plan > Cancel before you confirm.")),
          new Intent(
              "check_invoice",
              "invoice",
              4,
              null,
              List.of(
                  "Where can I see invoice {INVOICE}?",
                  "I'd like to look at my invoices from {DATE}.",
                  "can u show me the bill for order {ORDER}",
                  "The total on invoice {INVOICE} looks wrong, can I check it?",
                  "How do I view my past invoices?",
                  "I need to check an invoice in the name of {NAME}.",
                  "invoice {INVOICE} says {AMOUNT}, is that right?"),
              List.of(
                  "can I also see invoice {INVOICE}?", "I'd like to check my last invoice too."),
              List.of(
                  "You can see the invoice for order {ORDER} under Account > Billing > Invoices;"
                      + " if a line looks wrong, reply with it and our billing team will check"
                      + " it.",
                  "All your invoices are under Account > Billing > Invoices; open one to see every"
                      + " line or to download it.")),
          new Intent(
              "get_invoice",
              "invoice",
              4,
              null,
              List.of(
                  "Could you send me an invoice for order {ORDER}?",
                  "I need a VAT invoice for my purchase on {DATE}.",
                  "Please email invoice {INVOICE} to {EMAIL}.",
                  "Where can I download the receipt for the {PRODUCT}?",
                  "i need a copy of invoice {INVOICE} for my accountant",
                  "Can I get the invoice made out to {NAME}?"),
              List.of("can you send the invoice to {EMAIL} too?", "I also need an invoice."),
              List.of(
                  "You can download the invoice for order {ORDER} under Account > Billing >"
                      + " Invoices; Send by e-mail there sends it to {EMAIL}.",
                  "You can download the invoice for order {ORDER} as a PDF under Account > Billing"
                      + " > Invoices.",
                  "You can download any invoice as a PDF under Account > Billing > Invoices, or"
                      + " choose Send by e-mail to get it in your inbox.")),
          new Intent(
              "check_payment_methods",
              "payment",
              3,
              null,
              List.of(
                  "Which payment methods do you accept?",
                  "Can I pay with PayPal?",
                  "do you take apple pay",
                  "Is it possible to pay the {AMOUNT} in instalments?",
                  "What cards can I use for the {PRODUCT}?",
                  "Can I pay by bank transfer from {COUNTRY}?"),
              List.of("which payment options do you have?", "can I pay by bank transfer?"),
              List.of(
                  "We accept credit and debit cards, PayPal, Apple Pay, Google Pay and bank"
                      + " transfer; checkout lists the options for your country.",
                  "Every payment option we offer, instalments included, is listed on the Payment"
                      + " methods page and again at checkout.")),
          new Intent(
              "payment_issue",
              "payment",
              4,
              null,
              List.of(
                  "My payment of {AMOUNT} keeps getting declined.",
                  "Checkout fails every time I try to pay for the {PRODUCT}.",
                  "Why did my card payment fail on {DATE}?",
                  "The payment for order {ORDER} didn't go through.",
                  "I was charged twice for order {ORDER}.",
                  "paymnt wont go thru, tried 3 cards",
                  "You took {AMOUNT} from my card two times!"),
              List.of("my payment also failed.", "and I think I was charged twice."),
              List.of(
                  "Please try the payment for order {ORDER} again or use another card; if it"
                      + " still fails or shows twice, reply with the date and our billing team"
                      + " will look into it.",
                  "Please try the payment again or use another card; if it still fails or shows"
                      + " twice, reply with the date and our billing team will look into it.")),
          new Intent(
              "check_refund_policy",
              "refund",
              3,
              null,
              List.of(
                  "What is your refund policy?",
                  "Can I get my money back if I don't like the {PRODUCT}?",
                  "how many days do i have to ask for a refund",
                  "Do you refund sale items?",
                  "Is the {PRODUCT} covered by your money-back guarantee?",
                  "Would I get a full refund if I return something opened?"),
              List.of("what's your refund policy?", "how long do I have to return things?"),
              List.of(
                  "The {PRODUCT} can be returned within 30 days for a full refund if it's in its"
                      + " original condition; the Refund policy page has the details.",
                  "Most items can be returned within 30 days for a full refund; the Refund policy"
                      + " page lists the exceptions and how to start a return.")),
          new Intent(
              "get_refund",
              "refund",
              5,
              null,
              List.of(
                  "I want a refund for order {ORDER}.",
                  "Please refund the {REFUND} dollars I paid for the {PRODUCT}.",
                  "I returned the {PRODUCT} on {DATE}, how do I get my money back?",
                  "Can I get my money back for order {ORDER}? It was {REFUND} euros.",
                  "I'd like to request a refund of {REFUND} pounds for order {ORDER}.",
                  "how do i get a refund for the {PRODUCT}",
                  "i paid {REFUND} bucks for this and want my money back"),
              List.of(
                  "I also want a refund of {REFUND} dollars.", "and please refund order {ORDER}."),
              List.of(
                  "You can request a refund for order {ORDER} under Account > Orders > Return or"
                      + " refund; once it's approved, the money reaches your account within 5 to"
                      + " 7 business days.",
                  "You can request a refund for the {PRODUCT} under Account > Orders > Return or"
                      + " refund; once it's approved, the money reaches your account within 5 to"
                      + " 7 business days.",
                  "You can request a refund under Account > Orders > Return or refund; once it's"
                      + " approved, the money reaches your account within 5 to 7 business"
                      + " days.")),
          new Intent(
              "track_refund",
              "refund",
              4,
              null,
              List.of(
                  "Still waiting on the refund for order {ORDER}.",
                  "When will I get my {REFUND} dollars back?",
                  "What's the status of my refund?",
                  "i returned the {PRODUCT} on {DATE} and no refund yet",
                  "Has the refund for order {ORDER} been processed?",
                  "Can you check where my refund of {REFUND} euros is?"),
              List.of("where is my refund for order {ORDER}?", "any news on my refund?"),
              List.of(
                  "You can follow the refund for order {ORDER} under Account > Orders > Refunds;"
                      + " after approval it takes 5 to 7 business days to reach your card.",
                  "You can follow your refund under Account > Orders > Refunds; after approval it"
                      + " takes 5 to 7 business days to reach your card.")),
          new Intent(
              "complaint",
              "feedback",
              4,
              NEGATIVE,
              List.of(
                  "Your customer service is terrible, nobody answers.",
                  "I've been on hold for an hour, this is ridiculous.",
                  "The agent I spoke to on {DATE} was rude.",
                  "I want to file a complaint about order {ORDER}.",
                  "The {PRODUCT} broke after a week and nobody cares.",
                  "For {AMOUNT} I expected the {PRODUCT} to last longer than a month.",
                  "worst experience ever with ur company",
                  "I'd like to make a formal complaint."),
              List.of(
                  "and honestly your support has been awful.",
                  "I also want to complain about the {PRODUCT}."),
              List.of(
                  "I'm sorry about your experience; your complaint about order {ORDER} goes to our"
                      + " customer care team, who will reply within 2 business days.",
                  "I'm sorry about your experience; your complaint goes to our customer care team,"
                      + " who will reply within 2 business days.")),
          new Intent(
              "review",
              "feedback",
              3,
              null,
              List.of(
                  "Where can I leave a review for the {PRODUCT}?",
                  "I'd like to give some feedback about your service.",
                  "how do i rate my order {ORDER}",
                  "Can I write a review of the {PRODUCT} I bought on {DATE}?",
                  "I want to share my opinion about your app.",
                  "is there a place to post feedback"),
              List.of(
                  "by the way, where can I leave a review?",
                  "I'd also like to review the {PRODUCT}."),
              List.of(
                  "You can review the {PRODUCT} from its product page or under Account > Orders >"
                      + " Write a review; we read every review.",
                  "You can leave a review under Account > Orders > Write a review, or send feedback"
                      + " about our service from the Help page; we read every one.")),
          new Intent(
              "contact_customer_service",
              "contact",
              3,
              null,
              List.of(
                  "What are your customer service hours?",
                  "How can I contact customer support?",
                  "is there a phone number for support",
                  "I need to reach your service team about order {ORDER}.",
                  "Can I email customer service somewhere?",
                  "what's the best way to get in touch with you"),
              List.of("and what are your support hours?", "how do I reach customer service?"),
              List.of(
                  "You can reach customer service by chat, phone or e-mail from the Contact page;"
                      + " mention order {ORDER} so the team can find it quickly.",
                  "Customer service answers by chat, phone and e-mail from Monday to Saturday; the"
                      + " Contact page lists every option and the opening hours.")),
          new Intent(
              "contact_human_agent",
              "contact",
              4,
              null,
              List.of(
                  "I want to talk to a real person.",
                  "Can I speak to a human agent please?",
                  "get me a human not a bot",
                  "Is there a live agent I can chat with?",
                  "I'd rather discuss order {ORDER} with a person.",
                  "transfer me to an agent"),
              List.of("can I speak to a person?", "I'd also like to talk to a human agent."),
              List.of(
                  "You can reach a human agent by choosing Talk to an agent in the chat or by"
                      + " calling us; mention order {ORDER} and the agent will have it in front of"
                      + " them.",
                  "You can reach a human agent by choosing Talk to an agent in the chat or by"
                      + " calling us during opening hours.")),
          new Intent(
              "create_account",
              "account",
              3,
              null,
              List.of(
                  "How do I create an account?",
                  "I want to open a {ACCOUNT} account.",
                  "can i sign up with {EMAIL}",
                  "Please help me register a new account.",
                  "Is it free to make an account?",
                  "I'd like an account for my small business."),
              List.of("I'd also like to create an account.", "how do I sign up?"),
              List.of(
                  "You can create an account with {EMAIL} from Sign up on our website or app;"
                      + " we'll send a confirmation link to that address.",
                  "You can create an account from Sign up on our website or app; we'll send a"
                      + " confirmation link to your e-mail address.")),
          new Intent(
              "delete_account",
              "account",
              3,
              null,
              List.of(
                  "Please delete my account and all my data.",
                  "I want my account {EMAIL} closed permanently.",
                  "How do I remove my personal data from your service?",
                  "close my {ACCOUNT} account",
                  "Can you erase my profile?",
                  "i dont use this account anymore, how do i delete it"),
              List.of("and then please delete my account.", "I also want to close my account."),
              List.of(
                  "You can delete the account {EMAIL} under Account > Privacy > Delete account;"
                      + " deletion completes within 30 days and we'll confirm it by e-mail.",
                  "You can delete your account under Account > Privacy > Delete account; deletion"
                      + " completes within 30 days and we'll confirm it by e-mail.")),
          new Intent(
              "edit_account",
              "account",
              3,
              null,
              List.of(
                  "Please change my account email to {EMAIL}.",
                  "How do I update the phone number on my account?",
                  "I need to edit the details on my {ACCOUNT} account.",
                  "can i change my username",
                  "My name is spelled wrong on my profile, it should be {NAME}.",
                  "Where do I update my personal info?"),
              List.of(
                  "please update my email to {EMAIL} as well.",
                  "I'd also like to edit my profile."),
              List.of(
                  "You can change your e-mail to {EMAIL} under Account > Profile; we'll send a"
                      + " confirmation link to the new address.",
                  "You can edit your details under Account > Profile and save them; a new e-mail"
                      + " address is confirmed by a link we send to it.")),
          new Intent(
              "recover_password",
              "account",
              5,
              null,
              List.of(
                  "I forgot my password, how do I reset it?",
                  "The password reset email never arrives at {EMAIL}.",
                  "Please help me recover the password for {EMAIL}.",
                  "reset link is not working",
                  "I can't remember my password and the reset link has expired.",
                  "locked out, forgot pw"),
              List.of("I also need to reset my password.", "and I forgot my password."),
              List.of(
                  "Choose Forgot password on the sign-in page and enter {EMAIL}; the reset link we"
                      + " send is valid for 24 hours, so check your spam folder if it doesn't show"
                      + " up.",
                  "Choose Forgot password on the sign-in page and enter your e-mail; the reset link"
                      + " we send is valid for 24 hours.")),
          new Intent(
              "registration_problems",
              "account",
              3,
              null,
              List.of(
                  "I can't sign up, the form keeps giving an error.",
                  "The confirmation email for {EMAIL} never arrived.",
                  "registration wont finish on the app",
                  "It says {EMAIL} is already in use but I never registered.",
                  "I get stuck on the last step of creating my account.",
                  "I want to report a problem with signing up."),
              List.of("I also had trouble registering.", "and the sign-up form isn't working."),
              List.of(
                  "Please check the spam folder of {EMAIL} for the confirmation link, or choose"
                      + " Resend link on the sign-up page; if the error remains, reply with its"
                      + " text and we'll look into it.",
                  "Please try signing up again in a private browser window; if the error remains,"
                      + " reply with its text and our team will look into it.")),
          new Intent(
              "switch_account",
              "account",
              3,
              null,
              List.of(
                  "I want to switch to the {ACCOUNT} account.",
                  "How do I move from {ACCOUNT} to a different plan?",
                  "can i change my plan to {ACCOUNT}",
                  "I'd like to downgrade my account.",
                  "Please help me upgrade my plan.",
                  "How can I swap between my personal and work accounts?"),
              List.of(
                  "I'd also like to switch my plan to {ACCOUNT}.", "and how do I change my plan?"),
              List.of(
                  "You can switch plans under Account > Plan > Change plan; the new plan starts on"
                      + " your next billing date and the price difference shows before you"
                      + " confirm.",
                  "You can switch between your accounts from the profile menu, and change your"
                      + " plan under Account > Plan > Change plan.")),
          new Intent(
              "delivery_options",
              "delivery",
              3,
              null,
              List.of(
                  "Do you ship to {COUNTRY}?",
                  "What delivery options do you have for {CITY}?",
                  "can i get express shipping",
                  "Can I pick up the {PRODUCT} from a store?",
                  "Which couriers do you use for {COUNTRY}?",
                  "do u deliver to {CITY}"),
              List.of("do you also ship to {COUNTRY}?", "what shipping methods do you offer?"),
              List.of(
                  "Checkout shows the delivery options for your address, standard, express and"
                      + " pick-up point where available, with their prices.",
                  "Standard, express and pick-up point delivery are available in most countries;"
                      + " checkout shows the options and prices for your address.")),
          new Intent(
              "delivery_period",
              "delivery",
              4,
              null,
              List.of(
                  "How long does delivery take?",
                  "When will the {PRODUCT} arrive if I order today?",
                  "how long to ship to {COUNTRY}",
                  "Can I get the {PRODUCT} by {DATE}?",
                  "What's the usual delivery time to {CITY}?",
                  "If I order now, will it be here before {DATE}?"),
              List.of("how long will delivery take?", "and when would it arrive?"),
              List.of(
                  "Order {ORDER} shows its expected delivery day under Account > Orders > Track;"
                      + " standard delivery usually takes 3 to 5 business days.",
                  "Standard delivery usually takes 3 to 5 business days and express 1 to 2;"
                      + " checkout shows the expected day for your address before you pay.")),
          new Intent(
              "newsletter_subscription",
              "newsletter",
              3,
              null,
              List.of(
                  "How do I subscribe to your newsletter?",
                  "Please unsubscribe {EMAIL} from the newsletter.",
                  "I keep getting your marketing emails, how do I stop them?",
                  "sign me up for the newsletter",
                  "Can I get the newsletter at {EMAIL} instead?",
                  "I never signed up for your newsletter."),
              List.of(
                  "and please take me off the newsletter.",
                  "I'd also like to get your newsletter."),
              List.of(
                  "You can subscribe or unsubscribe {EMAIL} under Account > Notifications >"
                      + " Newsletter, or with the link at the bottom of any newsletter.",
                  "You can subscribe or unsubscribe under Account > Notifications > Newsletter, or"
                      + " with the link at the bottom of any newsletter.")));
}
