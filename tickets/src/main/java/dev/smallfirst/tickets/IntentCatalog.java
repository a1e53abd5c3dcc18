package dev.smallfirst.tickets;

import static dev.smallfirst.tickets.Sentiment.NEGATIVE;
import static dev.smallfirst.tickets.Sentiment.POSITIVE;

import java.util.List;

/** The phrase bank behind {@link Intent#all()}. Data only. */
final class IntentCatalog {

  private IntentCatalog() {}

  static final List<Intent> INTENTS =
      List.of(
          new Intent(
              "orders.order_status",
              10,
              null,
              List.of(
                  "Where is my order {ORDER}?",
                  "Can you tell me the status of order {ORDER}?",
                  "I placed an order for the {PRODUCT} on {DATE} and haven't heard anything since.",
                  "What's happening with my order {ORDER}? It still says processing.",
                  "Has order {ORDER} shipped yet?",
                  "I'd like an update on my {PRODUCT} order please.",
                  "Is there any news on order {ORDER} from {DATE}?",
                  "my order {ORDER} still hasnt moved, any update?"),
              List.of(
                  "can you also check where order {ORDER} is?",
                  "what's the status of my {PRODUCT} order?"),
              List.of(
                  "Your order {ORDER} is being prepared and will ship within 2 business days.",
                  "I checked order {ORDER}: it is packed and will leave our warehouse shortly.",
                  "Your {PRODUCT} order {ORDER} is on its way to the courier.",
                  "Your {PRODUCT} order is being prepared and will ship soon.",
                  "I looked up your order and it will ship within 2 business days.")),
          new Intent(
              "orders.change_order",
              5,
              null,
              List.of(
                  "I need to change the size on order {ORDER} before it ships.",
                  "Can I add a second {PRODUCT} to order {ORDER}?",
                  "Please swap the colour of the {PRODUCT} in my order {ORDER}.",
                  "Is it too late to modify order {ORDER}?",
                  "I ordered the wrong {PRODUCT}, can you change it?"),
              List.of("can I still change order {ORDER}?", "I'd also like to change my order."),
              List.of(
                  "I've updated order {ORDER} as requested; the change will show within an hour.",
                  "Order {ORDER} hasn't shipped yet, so I've changed the {PRODUCT} for you.",
                  "I've changed your order as requested.")),
          new Intent(
              "orders.missing_item",
              5,
              NEGATIVE,
              List.of(
                  "My order {ORDER} arrived but the {PRODUCT} was missing.",
                  "The box for order {ORDER} only had half the items.",
                  "I received my package today but there's no {PRODUCT} in it.",
                  "Order {ORDER} came without the {PRODUCT} I paid {AMOUNT} for."),
              List.of("one item was missing from order {ORDER} too."),
              List.of(
                  "I'm sending the missing {PRODUCT} from order {ORDER} today at no cost.",
                  "I've arranged for the missing item from order {ORDER} to ship today.",
                  "I've arranged for the missing item to ship today.")),
          new Intent(
              "billing.refund_request",
              10,
              null,
              List.of(
                  "I want a refund for order {ORDER}.",
                  "Please refund the {AMOUNT} I paid for the {PRODUCT}.",
                  "I returned the {PRODUCT} on {DATE}, when do I get my {AMOUNT} back?",
                  "Can I get my money back for order {ORDER}? It was {AMOUNT}.",
                  "I'd like to request a refund of {AMOUNT} for order {ORDER}.",
                  "how do i get a refund for the {PRODUCT}",
                  "Still waiting on the refund for order {ORDER}."),
              List.of("I also want a refund of {AMOUNT}.", "and please refund order {ORDER}."),
              List.of(
                  "I've issued a refund of {AMOUNT} for order {ORDER}; it will reach your account"
                      + " in 5 to 7 business days.",
                  "Your refund of {AMOUNT} has been approved and will be back on your card within a"
                      + " week.",
                  "I've started the refund for order {ORDER}; you'll get an email once it's"
                      + " processed.",
                  "I've started your refund; you'll get an email once it's processed.")),
          new Intent(
              "billing.double_charge",
              6,
              NEGATIVE,
              List.of(
                  "I was charged twice for order {ORDER}.",
                  "You took {AMOUNT} from my card two times on {DATE}!",
                  "There are two charges of {AMOUNT} on my statement for the same order.",
                  "Why was I billed twice for the {PRODUCT}?"),
              List.of("I think I was charged twice as well."),
              List.of(
                  "I've reversed the duplicate charge of {AMOUNT}; it will drop off your statement"
                      + " in 3 to 5 days.",
                  "You're right, order {ORDER} was charged twice; I've refunded the second charge.",
                  "I've reversed the duplicate charge; it will drop off your statement in a few"
                      + " days.")),
          new Intent(
              "billing.invoice_request",
              5,
              null,
              List.of(
                  "Could you send me an invoice for order {ORDER}?",
                  "I need a VAT invoice for my purchase on {DATE}.",
                  "Please email the invoice to {EMAIL}.",
                  "Where can I download the receipt for the {PRODUCT}?"),
              List.of("can you send the invoice to {EMAIL} too?", "I also need an invoice."),
              List.of(
                  "I've sent the invoice for order {ORDER} to {EMAIL}.",
                  "The invoice for order {ORDER} is on its way to your inbox.",
                  "I've emailed the invoice to {EMAIL}.",
                  "You can download your invoice under Account > Orders.")),
          new Intent(
              "billing.payment_failed",
              5,
              null,
              List.of(
                  "My payment of {AMOUNT} keeps getting declined.",
                  "Checkout fails every time I try to pay for the {PRODUCT}.",
                  "Why did my card payment fail on {DATE}?",
                  "The payment for order {ORDER} didn't go through."),
              List.of("my payment also failed."),
              List.of(
                  "The payment of {AMOUNT} was declined by your bank; please try again or use"
                      + " another card.",
                  "I've reset the payment on order {ORDER}, so you can retry it now.",
                  "Your bank declined the payment; please try again or use another card.")),
          new Intent(
              "account.password_reset",
              7,
              null,
              List.of(
                  "I forgot my password, how do I reset it?",
                  "The password reset email never arrives at {EMAIL}.",
                  "Please help me reset the password for {EMAIL}.",
                  "reset link is not working",
                  "I can't remember my password and the reset link has expired."),
              List.of("I also need to reset my password."),
              List.of(
                  "I've sent a new password reset link to {EMAIL}; it's valid for 24 hours.",
                  "I've sent you a fresh password reset link; it's valid for 24 hours.")),
          new Intent(
              "account.login_problem",
              6,
              null,
              List.of(
                  "I can't log in to my account.",
                  "The app says my login for {EMAIL} is invalid.",
                  "Since {DATE} I keep getting logged out.",
                  "Two-factor code never arrives so I can't sign in."),
              List.of("I also can't log in."),
              List.of(
                  "I've cleared the sign-in lock on {EMAIL}; please try logging in again.",
                  "I've cleared the sign-in lock on your account; please try logging in again.")),
          new Intent(
              "account.update_email",
              4,
              null,
              List.of(
                  "Please change my account email to {EMAIL}.",
                  "How do I update the email address on my account?",
                  "I have a new email, {EMAIL}, can you update it?"),
              List.of("please update my email to {EMAIL} as well."),
              List.of(
                  "I've changed your account email to {EMAIL}; please confirm it from the message we"
                      + " sent.",
                  "You can change your email under Account > Profile; we'll send a confirmation.")),
          new Intent(
              "account.delete_account",
              3,
              null,
              List.of(
                  "Please delete my account and all my data.",
                  "I want my account {EMAIL} closed permanently.",
                  "How do I remove my personal data from your service?"),
              List.of("and then please delete my account."),
              List.of(
                  "I've scheduled the deletion of the account {EMAIL}; it completes within 30 days.",
                  "I've scheduled your account for deletion; it completes within 30 days.")),
          new Intent(
              "shipping.delivery_delay",
              9,
              NEGATIVE,
              List.of(
                  "My package was supposed to arrive on {DATE} and it's still not here.",
                  "Order {ORDER} is a week late.",
                  "Tracking hasn't updated since {DATE} for order {ORDER}.",
                  "Where is my {PRODUCT}? Delivery was promised for {DATE}.",
                  "still waiting for my delivery"),
              List.of("the delivery of order {ORDER} is also late."),
              List.of(
                  "Order {ORDER} was delayed at the courier; it's now due within 3 business days.",
                  "I've contacted the courier about order {ORDER} and asked them to prioritise it.",
                  "I've contacted the courier and your delivery is now due within 3 business days.")),
          new Intent(
              "shipping.wrong_address",
              4,
              null,
              List.of(
                  "I entered the wrong shipping address for order {ORDER}.",
                  "Can you change the delivery address on order {ORDER}?",
                  "I moved, please ship the {PRODUCT} to my new address."),
              List.of("the address on order {ORDER} is wrong too."),
              List.of(
                  "I've updated the delivery address on order {ORDER}.",
                  "I've updated the delivery address on your order.")),
          new Intent(
              "shipping.damaged_package",
              5,
              NEGATIVE,
              List.of(
                  "The {PRODUCT} arrived broken.",
                  "My package for order {ORDER} was crushed and the {PRODUCT} is damaged.",
                  "Order {ORDER} came damaged, the screen is cracked.",
                  "Everything in the box was smashed."),
              List.of("and the {PRODUCT} was damaged."),
              List.of(
                  "I'm sending a replacement {PRODUCT} for order {ORDER} today, no need to return"
                      + " the damaged one.",
                  "I'm sending a replacement for order {ORDER} today.",
                  "I'm sending a replacement today; no need to return the damaged item.")),
          new Intent(
              "technical.app_crash",
              6,
              NEGATIVE,
              List.of(
                  "The app crashes every time I open it.",
                  "Since the update on {DATE} the app closes immediately.",
                  "The {PRODUCT} app keeps freezing on startup.",
                  "App crashed again when I tried to pay."),
              List.of("also the app keeps crashing."),
              List.of(
                  "A fix for the {PRODUCT} app crash is rolling out; please update the app and"
                      + " restart your phone.",
                  "A fix for this crash is rolling out; please update the app and restart your"
                      + " phone.")),
          new Intent(
              "technical.device_problem",
              6,
              null,
              List.of(
                  "My {PRODUCT} won't turn on.",
                  "The {PRODUCT} stopped charging after two weeks.",
                  "Bluetooth pairing fails on my {PRODUCT}.",
                  "The {PRODUCT} I bought on {DATE} makes a loud buzzing noise."),
              List.of("and my {PRODUCT} has stopped working."),
              List.of(
                  "Please hold the power button of the {PRODUCT} for 15 seconds to reset it; if that"
                      + " doesn't help, I'll start a warranty replacement.",
                  "Please hold the power button for 15 seconds to reset the device; if that doesn't"
                      + " help, I'll start a warranty replacement.")),
          new Intent(
              "technical.error_message",
              4,
              null,
              List.of(
                  "I get 'Error 500' when I open my orders page.",
                  "The website shows an error when I try to check out order {ORDER}.",
                  "Getting a weird error code when syncing the {PRODUCT}."),
              List.of("I also keep seeing an error message."),
              List.of(
                  "That error came from a temporary outage that is now fixed; please try again.",
                  "That error on order {ORDER} came from a temporary outage that is now fixed.")),
          new Intent(
              "cancellation.cancel_order",
              6,
              null,
              List.of(
                  "Please cancel order {ORDER}.",
                  "I don't need the {PRODUCT} anymore, cancel my order.",
                  "Can I cancel order {ORDER}? I ordered it by mistake.",
                  "cancel my order pls"),
              List.of("actually, please cancel order {ORDER}.", "cancel the {PRODUCT} too."),
              List.of(
                  "I've cancelled order {ORDER}; the {AMOUNT} hold on your card will be released.",
                  "I've cancelled order {ORDER} and you won't be charged.",
                  "I've cancelled your order and you won't be charged.")),
          new Intent(
              "cancellation.cancel_subscription",
              5,
              null,
              List.of(
                  "I want to cancel my subscription.",
                  "Please stop my {PRODUCT} subscription before the next charge on {DATE}.",
                  "How do I end my membership? I don't want to be billed {AMOUNT} again."),
              List.of("and cancel my subscription."),
              List.of(
                  "I've cancelled your subscription; you won't be billed {AMOUNT} again.",
                  "I've cancelled your subscription effective {DATE}.",
                  "I've cancelled your subscription; you won't be billed again.")),
          new Intent(
              "complaint.service",
              5,
              NEGATIVE,
              List.of(
                  "Your customer service is terrible, nobody answers.",
                  "I've been on hold for an hour, this is ridiculous.",
                  "The agent I spoke to on {DATE} was rude.",
                  "Worst support experience I've ever had."),
              List.of("and honestly your support has been awful."),
              List.of(
                  "I'm sorry about the experience you had; I've shared your feedback with the team"
                      + " lead.",
                  "I'm sorry about your experience on {DATE}; I've shared it with the team lead.")),
          new Intent(
              "complaint.product_quality",
              4,
              NEGATIVE,
              List.of(
                  "The {PRODUCT} feels cheap and broke after a month.",
                  "Really disappointed with the quality of the {PRODUCT}.",
                  "For {AMOUNT} I expected the {PRODUCT} to last longer than this."),
              List.of("the {PRODUCT} quality is poor too."),
              List.of(
                  "I'm sorry the {PRODUCT} let you down; I've started a free replacement.",
                  "I'm sorry the product let you down; I've started a free replacement.")),
          new Intent(
              "feedback.praise",
              4,
              POSITIVE,
              List.of(
                  "Just wanted to say the {PRODUCT} is fantastic!",
                  "Great service, my order arrived a day early.",
                  "Love the new app update, thanks team!",
                  "Thanks to your agent for sorting out order {ORDER} so quickly."),
              List.of("by the way, I love the {PRODUCT}!"),
              List.of(
                  "Thank you for the kind words about the {PRODUCT}! I've passed them on to the team.",
                  "Thank you for the kind words! I've passed them on to the team.")),
          new Intent(
              "feedback.feature_request",
              3,
              null,
              List.of(
                  "It would be great if the app had a dark mode.",
                  "Could you add gift wrapping as an option?",
                  "Please add a way to export my order history.",
                  "Suggestion: let me pause my {PRODUCT} subscription."),
              List.of("also, a dark mode would be nice."),
              List.of(
                  "Thanks for the suggestion; I've added it to our product feedback board.",
                  "Thanks for the suggestion about the {PRODUCT}; I've logged it for the product"
                      + " team.")));
}
