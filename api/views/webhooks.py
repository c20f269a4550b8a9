"""Webhooks for administrators: register a receiver, read its delivery log, replay a delivery."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.response import Response

from agencies.permissions import user_can_manage_setup

from ..models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from ..selectors import webhook_deliveries, webhook_endpoints
from ..serializers import StrictSerializer
from ..webhooks import webhook_delivery_replay, webhook_endpoint_create


class IsSetupAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return user_can_manage_setup(request.user)


class WebhookSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookEndpoint
        fields = ["id", "name", "url", "events", "is_active", "created_at"]


class WebhookInput(StrictSerializer):
    name = serializers.CharField(max_length=100)
    url = serializers.CharField(max_length=500)
    secret = serializers.CharField(min_length=16, max_length=200)
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices), min_length=1)


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = ["id", "event", "payload", "status", "attempts", "last_status_code", "last_error"]
        fields += ["created_at", "delivered_at"]


class WebhookList(generics.ListAPIView):
    """The registered webhooks (administrators only); POST registers one."""

    permission_classes = [permissions.IsAuthenticated, IsSetupAdmin]
    serializer_class = WebhookSerializer

    def get_queryset(self):
        return webhook_endpoints()

    @extend_schema(request=WebhookInput, responses={201: WebhookSerializer})
    def post(self, request):
        serializer = WebhookInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_create(**serializer.validated_data)
        return Response(WebhookSerializer(endpoint).data, status=status.HTTP_201_CREATED)


class DeliveryList(generics.ListAPIView):
    """A webhook's delivery log, newest first."""

    permission_classes = [permissions.IsAuthenticated, IsSetupAdmin]
    serializer_class = DeliverySerializer

    def get_queryset(self):
        return webhook_deliveries(endpoint_id=self.kwargs["pk"])


class DeliveryReplay(generics.GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsSetupAdmin]
    serializer_class = DeliverySerializer

    @extend_schema(request=None, responses={202: DeliverySerializer})
    def post(self, request, pk: int):
        """Send the delivery again, with a fresh round of attempts."""
        delivery = webhook_deliveries().filter(pk=pk).first()
        if delivery is None:
            raise exceptions.NotFound
        webhook_delivery_replay(delivery=delivery)
        delivery.refresh_from_db()
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
