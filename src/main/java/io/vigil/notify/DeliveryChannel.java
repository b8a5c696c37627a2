package io.vigil.notify;

/** How a notification went out: an e-mail to an address, or a post to a webhook channel. */
public enum DeliveryChannel {
  MAIL,
  WEBHOOK
}
